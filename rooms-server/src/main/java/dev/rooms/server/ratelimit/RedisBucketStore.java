package dev.rooms.server.ratelimit;

import java.time.Duration;

import dev.rooms.server.system.BrokerProperties;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Buckets in Redis ({@code <channel-prefix>:ratelimit:<limit>:<key>}), through Bucket4j's Lettuce backend
 * (compare-and-swap), so every process sharing the Redis of {@code rooms.redis.url} enforces one limit. A key
 * expires once its bucket would be full again. While Redis is unreachable each call fails at once (commands are
 * rejected rather than queued, and a failed first connection is retried at most once a second).
 *
 * <p>Compare-and-swap does not scale on a busy key: concurrent requests of one user (a bot on 64 connections)
 * each read the bucket, lose the swap and try again (1.4 ms of server CPU per REST request, README-bench). So
 * each key's bucket is kept in this process, until it would be full again, with Bucket4j's batching
 * optimization, which sends the requests waiting for one bucket to Redis as one: it changes how many round
 * trips a request takes, not what it consumes.
 */
final class RedisBucketStore implements BucketStore {

    private static final Duration RECONNECT_INTERVAL = Duration.ofSeconds(1);

    private final KeptBuckets kept = new KeptBuckets();
    private final RedisClient client;
    private final String prefix;
    private final Duration timeout;
    private StatefulRedisConnection<String, byte[]> connection;
    private LettuceBasedProxyManager<String> buckets;
    private long nextConnectNanos = System.nanoTime();

    /** {@code client} is the process's shared one; {@link #close()} closes only this store's connection. */
    RedisBucketStore(RedisClient client, BrokerProperties properties) {
        this.client = client;
        this.prefix = properties.channelPrefix() + ":ratelimit:";
        this.timeout = properties.timeout();
    }

    @Override
    public Bucket bucket(String key, Rate rate) {
        return kept.get(key, rate, () -> buckets().builder().withOptimization(Optimizations.batching())
                .build(prefix + key, rate::configuration));
    }

    private synchronized LettuceBasedProxyManager<String> buckets() {
        if (buckets != null) {
            return buckets;
        }
        if (System.nanoTime() - nextConnectNanos < 0) {
            throw new RedisException("Redis was unreachable a moment ago");
        }
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RedisException e) {
            nextConnectNanos = System.nanoTime() + RECONNECT_INTERVAL.toNanos();
            throw e;
        }
        buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(timeout)
                .build();
        return buckets;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
