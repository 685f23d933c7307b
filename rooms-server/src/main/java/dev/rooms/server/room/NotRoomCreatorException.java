package dev.rooms.server.room;

import dev.rooms.server.system.PermissionDeniedException;

/** Only a room's creator may change or delete it. */
class NotRoomCreatorException extends PermissionDeniedException {

    NotRoomCreatorException(String detail) {
        super(detail);
    }
}
