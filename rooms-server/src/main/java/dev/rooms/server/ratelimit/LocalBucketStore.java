package dev.rooms.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;

/** Buckets in this process. */
final class LocalBucketStore implements BucketStore {

    private final KeptBuckets buckets = new KeptBuckets();

    @Override
    public Bucket bucket(String key, Rate rate) {
        return buckets.get(key, rate, () -> {
            LocalBucketBuilder builder = Bucket.builder();
            rate.bandwidths().forEach(builder::addLimit);
            return builder.build();
        });
    }
}
