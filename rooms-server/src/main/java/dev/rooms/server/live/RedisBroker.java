package dev.rooms.server.live;

import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.rooms.server.system.BrokerProperties;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redis pub/sub broker for several server processes. Each room has its own channel
 * ({@code <prefix>:room:<id>}) that a process subscribes to while it has connections in the room; user
 * deletions go over {@code <prefix>:control}, which every process subscribes to.
 *
 * <p>Two Lettuce connections: one subscribed (messages arrive on its single event-loop thread, so in
 * publish order) and one publishing. Both reconnect by themselves with a short back-off and Lettuce
 * re-subscribes the channels it had; commands issued while disconnected fail at once instead of queueing,
 * so a publisher or a new connection learns about an outage immediately. When the subscribed connection
 * drops, {@link BrokerListener#onBrokerDown()} tells the live layer, which closes its connections with
 * 1011: events published during the outage never reach this process.
 */
final class RedisBroker implements Broker {

    private static final Logger log = LoggerFactory.getLogger(RedisBroker.class);
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final BrokerProperties properties;
    private final BrokerOutage outage;
    private final LiveMetrics metrics;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RedisClient client;
    private final TaskScheduler scheduler;
    private volatile StatefulRedisPubSubConnection<String, String> subscriber;
    private volatile StatefulRedisConnection<String, String> publisher;
    private volatile boolean subscriberUp;
    private volatile BrokerListener listener;
    /** Retries a first connection that failed (Lettuce only reconnects connections it once had); else null. */
    private volatile ScheduledFuture<?> retries;

    /** {@code client} and {@code scheduler} are shared ({@code RedisConfiguration}); {@link #stop()} closes only this broker's connections. */
    RedisBroker(RedisClient client, TaskScheduler scheduler, BrokerProperties properties, BrokerOutage outage,
                LiveMetrics metrics) {
        this.client = client;
        this.scheduler = scheduler;
        this.properties = properties;
        this.outage = outage;
        this.metrics = metrics;
    }

    @Override
    public void start(BrokerListener listener) {
        this.listener = listener;
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (connection == subscriber) {
                    if (!subscriberUp) {
                        metrics.brokerReconnected();
                    }
                    subscriberUp = true;
                    outage.up();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscriber && subscriberUp) {
                    subscriberUp = false;
                    metrics.brokerError("connection_lost");
                    outage.down("lost the connection");
                    listener.onBrokerDown();
                }
            }
        });
        if (!connect()) {
            outage.down("unreachable at start-up; starting anyway, retrying every " + RETRY_INTERVAL.toSeconds() + " s");
            retries = scheduler.scheduleWithFixedDelay(this::retryConnect, Instant.now().plus(RETRY_INTERVAL),
                    RETRY_INTERVAL);
        }
    }

    /**
     * Opens both connections and subscribes to the control channel. Once this succeeded Lettuce keeps them up
     * by itself; only a first connection that fails needs retrying here.
     */
    private boolean connect() {
        StatefulRedisPubSubConnection<String, String> sub = null;
        try {
            sub = client.connectPubSub();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    receive(channel, message);
                }
            });
            subscriber = sub;
            await(sub.async().subscribe(controlChannel()).toCompletableFuture(), "subscribe to " + controlChannel());
            publisher = client.connect();
        } catch (RedisException | BrokerUnavailableException e) {
            log.debug("Connecting to Redis failed: {}", e.toString());
            if (sub != null) {
                sub.closeAsync();
            }
            return false;
        }
        subscriberUp = true;
        if (outage.available()) {
            log.info("Redis broker started with channel prefix '{}'", properties.channelPrefix());
        }
        outage.up();
        return true;
    }

    private void retryConnect() {
        if (connect()) {
            retries.cancel(false);
        }
    }

    private void receive(String channel, String message) {
        Envelope envelope;
        try {
            envelope = json.readValue(message, Envelope.class);
        } catch (JacksonException e) {
            log.warn("Ignoring an unreadable event on {}: {}", channel, e.getOriginalMessage());
            return;
        }
        try {
            listener.onEnvelope(envelope);
        } catch (RuntimeException e) {
            log.error("Delivering an event from {} failed", channel, e);
        }
    }

    @Override
    public void subscribe(long roomId) {
        requireUp();
        await(subscriber.async().subscribe(roomChannel(roomId)).toCompletableFuture(), "subscribe to room " + roomId);
    }

    @Override
    public void unsubscribe(long roomId) {
        if (!subscriberUp) {
            return;
        }
        subscriber.async().unsubscribe(roomChannel(roomId)).whenComplete((ignored, failure) -> {
            if (failure != null) {
                log.debug("Unsubscribing from room {} failed: {}", roomId, failure.toString());
            }
        });
    }

    @Override
    public CompletableFuture<Void> publish(Envelope envelope) {
        if (!subscriberUp) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException("Redis is unavailable", null));
        }
        // Deletions go to every process, subscribed to the room or not: each forgets the account's verified tokens
        // and the room's "active" mark (DeletionRelay), which it may hold without holding a socket there.
        boolean deletion = envelope.kind() == Envelope.Kind.USER_DELETED || envelope.kind() == Envelope.Kind.ROOM_DELETED;
        String channel = deletion ? controlChannel() : roomChannel(envelope.roomId());
        String payload = json.writeValueAsString(envelope);
        return publisher.async().publish(channel, payload).toCompletableFuture()
                .<Void>thenApply(receivers -> null)
                .exceptionallyCompose(failure -> {
                    metrics.brokerError("publish");
                    return CompletableFuture.failedFuture(new BrokerUnavailableException("Publishing to Redis failed", failure));
                });
    }

    @Override
    public void stop() {
        subscriberUp = false;
        ScheduledFuture<?> retrying = retries;
        if (retrying != null) {
            retrying.cancel(true);
        }
        for (StatefulConnection<?, ?> connection : Arrays.asList(subscriber, publisher)) { // either may be null
            if (connection != null) {
                connection.close();
            }
        }
    }

    private void requireUp() {
        if (!subscriberUp) {
            throw new BrokerUnavailableException("Redis is unavailable", null);
        }
    }

    private void await(CompletableFuture<?> future, String what) {
        try {
            future.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("Interrupted while waiting to " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            metrics.brokerError("subscribe");
            throw new BrokerUnavailableException("Redis did not " + what, e);
        }
    }

    private String roomChannel(long roomId) {
        return properties.channelPrefix() + ":room:" + roomId;
    }

    private String controlChannel() {
        return properties.channelPrefix() + ":control";
    }
}
