package dev.rooms.server.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import dev.rooms.server.system.BrokerProperties;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Buckets in Redis ({@code <channel-prefix>:ratelimit:<limit>:<key>}), so every process sharing the Redis of
 * {@code rooms.redis.url} enforces one limit. Each call is one round trip: a script ({@code token-bucket.lua},
 * run by its digest and sent whole only when Redis does not know it yet) refills, takes or gives back the token
 * and answers, atomically, on Redis's clock; requests for one key that arrive while a call for it is in flight
 * go together in the next call ({@link KeyBatches}). A key expires once its bucket would be full again. While Redis is
 * unreachable each call fails at once (commands are rejected rather than queued, and a failed first connection
 * is retried at most once a second).
 *
 * <p>Why not Bucket4j here, as in {@link LocalBucketStore}: its Redis backends (8.16) are compare-and-swap, a
 * {@code GET} and then a swapping script, two round trips per token and more when processes race for one key;
 * its optimizations that skip round trips let each process spend tokens the others have not seen yet. README,
 * "Rate limits", has the reasoning, README-bench the counts.
 */
final class RedisBucketStore implements BucketStore {

    private static final long RECONNECT_INTERVAL_NANOS = 1_000_000_000L;
    private static final String SCRIPT = script("token-bucket.lua");

    private final KeyBatches batches = new KeyBatches();
    private final RedisClient client;
    private final String prefix;
    private final Object connecting = new Object();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile String digest;
    private long nextConnectNanos = System.nanoTime();

    /** {@code client} is the process's shared one; {@link #close()} closes only this store's connection. */
    RedisBucketStore(RedisClient client, BrokerProperties properties) {
        this.client = client;
        this.prefix = properties.channelPrefix() + ":ratelimit:";
    }

    @Override
    public ConsumptionProbe tryConsume(String key, Rate rate) {
        return batches.consume(key, count -> {
            List<Long> answer = run("consume", count, key, rate);
            return new KeyBatches.Taken(answer.get(0).intValue(), answer.get(1), answer.get(2) * 1_000,
                    answer.get(3) * 1_000);
        });
    }

    @Override
    public void addToken(String key, Rate rate) {
        run("refund", 1, key, rate);
    }

    private List<Long> run(String operation, int count, String key, Rate rate) {
        String[] arguments = new String[2 + 2 * rate.bands().size()];
        arguments[0] = operation;
        arguments[1] = Integer.toString(count);
        int i = 2;
        for (Rate.Band band : rate.bands()) {
            arguments[i++] = Long.toString(band.capacity());
            arguments[i++] = Long.toString(Math.max(1, band.period().toNanos() / 1_000));
        }
        String[] keys = {prefix + key};
        RedisCommands<String, String> redis = connection().sync();
        try {
            return redis.evalsha(digest, ScriptOutputType.MULTI, keys, arguments);
        } catch (RedisNoScriptException e) {
            // Redis restarted (or its script cache was flushed) since this process last loaded the script.
            return redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, arguments);
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> current = connection;
        return current != null ? current : connect();
    }

    private StatefulRedisConnection<String, String> connect() {
        synchronized (connecting) {
            if (connection != null) {
                return connection;
            }
            if (System.nanoTime() - nextConnectNanos < 0) {
                throw new RedisException("Redis was unreachable a moment ago");
            }
            StatefulRedisConnection<String, String> opened;
            try {
                opened = client.connect();
            } catch (RedisException e) {
                nextConnectNanos = System.nanoTime() + RECONNECT_INTERVAL_NANOS;
                throw e;
            }
            digest = opened.sync().digest(SCRIPT);
            connection = opened;
            return opened;
        }
    }

    @Override
    public void close() {
        synchronized (connecting) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private static String script(String name) {
        try (InputStream in = Objects.requireNonNull(RedisBucketStore.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
