package dev.rooms.server.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;

/** Buckets in this process, Bucket4j's. */
final class LocalBucketStore implements BucketStore {

    private final KeptBuckets buckets = new KeptBuckets();

    @Override
    public ConsumptionProbe tryConsume(String key, Rate rate) {
        return bucket(key, rate).tryConsumeAndReturnRemaining(1);
    }

    @Override
    public void addToken(String key, Rate rate) {
        bucket(key, rate).addTokens(1);
    }

    private Bucket bucket(String key, Rate rate) {
        return buckets.get(key, rate, () -> {
            LocalBucketBuilder builder = Bucket.builder();
            rate.bandwidths().forEach(builder::addLimit);
            return builder.build();
        });
    }
}
