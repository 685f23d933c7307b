package dev.rooms.server.room;

import dev.rooms.server.system.NotFoundException;

/** The room does not exist or was deleted. */
public class RoomNotFoundException extends NotFoundException {

    public RoomNotFoundException(long roomId) {
        super("Room " + roomId + " not found");
    }
}
