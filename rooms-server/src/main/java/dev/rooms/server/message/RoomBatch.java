package dev.rooms.server.message;

import java.util.List;

/** Chat messages of one room to save together, in order. */
public record RoomBatch(long roomId, List<NewMessage> messages) {
}
