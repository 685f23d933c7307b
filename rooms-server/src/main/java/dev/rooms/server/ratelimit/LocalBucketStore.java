package dev.rooms.server.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets in this process. A bucket unused for its rate's longest period is full again, so it is dropped then:
 * memory follows the clients active recently, not every address ever seen.
 */
final class LocalBucketStore implements BucketStore {

    /** Caps memory under a spray of addresses; past it the least recently used (full soonest) buckets go. */
    private static final long MAX_BUCKETS = 1_000_000;

    private record Entry(Bucket bucket, long idleNanos) {
    }

    private final Cache<String, Entry> buckets = Caffeine.newBuilder()
            .maximumSize(MAX_BUCKETS)
            .expireAfter(Expiry.<String, Entry>accessing((key, entry) -> Duration.ofNanos(entry.idleNanos())))
            .build();

    @Override
    public Bucket bucket(String key, Rate rate) {
        return buckets.get(key, k -> {
            LocalBucketBuilder builder = Bucket.builder();
            rate.bandwidths().forEach(builder::addLimit);
            return new Entry(builder.build(), rate.longestPeriod().toNanos());
        }).bucket();
    }
}
