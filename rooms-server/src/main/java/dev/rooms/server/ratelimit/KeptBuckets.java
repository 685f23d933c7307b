package dev.rooms.server.ratelimit;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;

/**
 * The in-process buckets ({@link LocalBucketStore}), by key. A bucket unused for its rate's longest period is
 * full again, so it is dropped then: memory follows the clients active recently, not every address ever seen.
 */
final class KeptBuckets {

    /** Caps memory under a spray of addresses; past it the least recently used (full soonest) buckets go. */
    private static final long MAX_BUCKETS = 1_000_000;

    private record Entry(Bucket bucket, long idleNanos) {
    }

    private final Cache<String, Entry> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_BUCKETS)
            .expireAfter(Expiry.<String, Entry>accessing((key, entry) -> Duration.ofNanos(entry.idleNanos())))
            .build();

    /** The bucket kept under {@code key}, or the one {@code create} makes, kept from now on. */
    Bucket get(String key, Rate rate, Supplier<Bucket> create) {
        return buckets.get(key, k -> new Entry(create.get(), rate.longestPeriod().toNanos())).bucket();
    }
}
