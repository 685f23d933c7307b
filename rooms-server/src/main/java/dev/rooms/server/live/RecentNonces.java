package dev.rooms.server.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nonces of the chat messages this process published lately, by room and message id. A gap fill on this
 * process finds its own senders' nonces here even when the publish to the broker is what fell behind, so a
 * sender's {@code send()} is confirmed whichever path its echo takes. Bounded by age and by count (at the
 * 50,000 deliveries/s target, 5,000 messages/s, the count allows about 25 s).
 */
final class RecentNonces {

    private static final int CAPACITY = 131_072;

    private final long maxAgeNanos;
    /** In insertion order, which is age order: the oldest go first. Guarded by {@code this}. */
    private final LinkedHashMap<Key, Remembered> entries = new LinkedHashMap<>();

    RecentNonces(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    synchronized void remember(long roomId, long messageId, String nonce) {
        long now = System.nanoTime();
        entries.put(new Key(roomId, messageId), new Remembered(nonce, now));
        Iterator<Remembered> oldest = entries.values().iterator();
        while (oldest.hasNext()) {
            Remembered next = oldest.next();
            if (entries.size() <= CAPACITY && now - next.at() <= maxAgeNanos) {
                break;
            }
            oldest.remove();
        }
    }

    /** The nonces remembered for these messages of the room, by id. */
    synchronized Map<Long, String> of(long roomId, List<Long> messageIds) {
        Map<Long, String> found = new HashMap<>();
        long now = System.nanoTime();
        for (long id : messageIds) {
            Remembered remembered = entries.get(new Key(roomId, id));
            if (remembered != null && now - remembered.at() <= maxAgeNanos) {
                found.put(id, remembered.nonce());
            }
        }
        return found;
    }

    private record Key(long roomId, long messageId) {
    }

    private record Remembered(String nonce, long at) {
    }
}
