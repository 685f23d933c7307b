package dev.rooms.server.message;

/**
 * A chat message to save: who wrote it and what.
 *
 * @param idempotencyKey the client's {@code Idempotency-Key} for a REST post, else {@code null}
 */
public record NewMessage(long userId, String content, String idempotencyKey) {

    public NewMessage(long userId, String content) {
        this(userId, content, null);
    }
}
