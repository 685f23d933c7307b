package dev.rooms.server.system;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;

/**
 * Facts read from the database that only a deletion can end (a token's account exists, a room is active), kept
 * so that a request need not read them again. A deletion forgets what it ends at once: this process's once it
 * committed, another process's when it arrives through the live layer's broker ({@link DeletionNotices}).
 *
 * <p>A read that saw the fact just before a deletion committed must not keep it afterwards: every deletion moves
 * a counter, and a read during which the counter moved keeps nothing. While deletions elsewhere cannot arrive
 * (the broker is down), nothing is kept and every read goes to the database, as without a cache.
 *
 * @param <K> what a fact is looked up by
 * @param <V> the fact
 */
public final class DeletionAwareCache<K, V> {

    private final Cache<K, V> entries;
    private final AtomicLong deletions = new AtomicLong();
    private final BooleanSupplier deletionsArrive;

    /**
     * @param entries         where the facts are kept (size and expiry are the caller's)
     * @param deletionsArrive whether other processes' deletions reach this one now
     */
    public DeletionAwareCache(Cache<K, V> entries, BooleanSupplier deletionsArrive) {
        this.entries = entries;
        this.deletionsArrive = deletionsArrive;
    }

    /**
     * The kept fact, or else {@code read}'s answer, which is kept unless a deletion happened during the read.
     * {@code read} may return null (nothing to keep) or throw; neither is kept.
     */
    public V get(K key, Function<K, V> read) {
        if (!deletionsArrive.getAsBoolean()) {
            // What was kept before may have been ended by a deletion elsewhere meanwhile.
            deletions.incrementAndGet();
            entries.invalidateAll();
            return read.apply(key);
        }
        V known = entries.getIfPresent(key);
        if (known != null) {
            return known;
        }
        long seen = deletions.get();
        V fact = read.apply(key);
        if (fact != null) {
            entries.put(key, fact);
            if (deletions.get() != seen) {
                entries.invalidate(key);
            }
        }
        return fact;
    }

    /** A deletion ended the fact kept under this key. */
    public void forget(K key) {
        deletions.incrementAndGet();
        entries.invalidate(key);
    }

    /** A deletion ended the facts that match. */
    public void forgetIf(Predicate<V> ended) {
        deletions.incrementAndGet();
        entries.asMap().values().removeIf(ended);
    }
}
