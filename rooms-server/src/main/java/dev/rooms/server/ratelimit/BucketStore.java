package dev.rooms.server.ratelimit;

import io.github.bucket4j.ConsumptionProbe;

/** Where the token buckets live: in this process, or in Redis so that every process shares them. */
interface BucketStore {

    /** Takes a token from {@code key}'s bucket, which is created full with {@code rate}'s bands on first use. */
    ConsumptionProbe tryConsume(String key, Rate rate);

    /** Gives a token back to every band of {@code key}'s bucket, never above its capacity. */
    void addToken(String key, Rate rate);

    default void close() {
    }
}
