package dev.rooms.server.room;

import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.rooms.server.system.DeletionAwareCache;

/**
 * The rooms known to be active, so that a WebSocket handshake or a history read checks its room without a
 * database round trip. Rooms are only ever deactivated, never reactivated, so a room is remembered from its
 * first successful check until {@link #roomDeleted} (this process's deletion once committed, or another
 * process's through the broker) forgets it; races with deletions are {@link DeletionAwareCache}'s.
 */
final class ActiveRooms {

    /** A room id and its entry take a few dozen bytes; past this the least used are checked again. */
    private static final long MAX_ROOMS = 100_000;

    private final DeletionAwareCache<Long, Boolean> active;
    private final LongPredicate isActive;

    /** @param isActive the database's answer */
    ActiveRooms(LongPredicate isActive, BooleanSupplier deletionsArrive) {
        this.isActive = isActive;
        this.active = new DeletionAwareCache<>(Caffeine.newBuilder().maximumSize(MAX_ROOMS).<Long, Boolean>build(),
                deletionsArrive);
    }

    boolean isActive(long roomId) {
        // Only "active" is kept: an inactive room never becomes active again, and is not looked up often.
        return active.get(roomId, id -> isActive.test(id) ? Boolean.TRUE : null) != null;
    }

    void roomDeleted(long roomId) {
        active.forget(roomId);
    }
}
