package dev.rooms.server.message;

/**
 * A chat message to save: who wrote it and what.
 *
 * @param idempotencyKey the client's {@code Idempotency-Key} for a REST post, else {@code null}
 * @param nonce          the socket sender's nonce (at most 64 characters), kept with the message so that a copy
 *                       read back from the database still carries it; else {@code null}
 */
public record NewMessage(long userId, String content, String idempotencyKey, String nonce) {

    public NewMessage(long userId, String content) {
        this(userId, content, null, null);
    }

    /** A REST post's message: no nonce. */
    public NewMessage(long userId, String content, String idempotencyKey) {
        this(userId, content, idempotencyKey, null);
    }
}
