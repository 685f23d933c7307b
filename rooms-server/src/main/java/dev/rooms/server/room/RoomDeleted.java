package dev.rooms.server.room;

/**
 * Published inside the transaction that deletes a room (soft delete by its creator, or with its creator's
 * account); listen with {@code @TransactionalEventListener} to act only once the deletion is committed.
 */
public record RoomDeleted(long roomId) {
}
