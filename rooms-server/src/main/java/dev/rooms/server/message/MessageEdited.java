package dev.rooms.server.message;

/** A message's content was changed by its author; {@code message} carries {@code edited_at}. */
public record MessageEdited(long roomId, MessageResponse message) {
}
