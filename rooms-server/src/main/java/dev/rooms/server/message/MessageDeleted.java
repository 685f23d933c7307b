package dev.rooms.server.message;

/** A message was deleted from its room's history. */
public record MessageDeleted(long roomId, long messageId) {
}
