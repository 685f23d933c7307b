package dev.rooms.server.room;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The rooms known to be active, so that a WebSocket handshake or a history read checks its room without a
 * database round trip. Rooms are only ever deactivated, never reactivated, so a room is remembered from its
 * first successful check until {@link #roomDeleted} (this process's deletion once committed, or another
 * process's through the broker) forgets it. A check that read the room just before its deletion committed
 * must not remember it afterwards: every deletion moves a counter, and a check during which it moved keeps
 * nothing. While deletions elsewhere cannot arrive, nothing is remembered.
 */
final class ActiveRooms {

    /** A room id and its entry take a few dozen bytes; past this the least used are checked again. */
    private static final long MAX_ROOMS = 100_000;

    private final Cache<Long, Boolean> active = Caffeine.newBuilder().maximumSize(MAX_ROOMS).build();
    private final AtomicLong deletions = new AtomicLong();
    private final LongPredicate isActive;
    private final BooleanSupplier deletionsArrive;

    /** @param isActive the database's answer */
    ActiveRooms(LongPredicate isActive, BooleanSupplier deletionsArrive) {
        this.isActive = isActive;
        this.deletionsArrive = deletionsArrive;
    }

    boolean isActive(long roomId) {
        if (!deletionsArrive.getAsBoolean()) {
            forgetAll();
            return isActive.test(roomId);
        }
        if (active.getIfPresent(roomId) != null) {
            return true;
        }
        long seen = deletions.get();
        if (!isActive.test(roomId)) {
            return false;
        }
        active.put(roomId, Boolean.TRUE);
        if (deletions.get() != seen) {
            active.invalidate(roomId);
        }
        return true;
    }

    void roomDeleted(long roomId) {
        deletions.incrementAndGet();
        active.invalidate(roomId);
    }

    private void forgetAll() {
        deletions.incrementAndGet();
        active.invalidateAll();
    }
}
