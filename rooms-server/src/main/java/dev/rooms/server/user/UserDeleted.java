package dev.rooms.server.user;

/**
 * Published inside the transaction that deletes an account; listen with {@code @TransactionalEventListener}
 * to act only once the deletion is committed.
 */
public record UserDeleted(long userId) {
}
