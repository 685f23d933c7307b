package dev.rooms.server.message;

/** A chat message to save: who wrote it and what. */
public record NewMessage(long userId, String content) {
}
