package dev.rooms.server.ratelimit;

import io.github.bucket4j.Bucket;

/** Where the token buckets live: in this process, or in Redis so that every process shares them. */
interface BucketStore {

    /** The bucket for {@code key}, created full with {@code rate}'s bands on first use. */
    Bucket bucket(String key, Rate rate);

    default void close() {
    }
}
