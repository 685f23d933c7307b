package dev.rooms.server.live;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rooms.server.system.BrokerProperties;
import dev.rooms.server.system.RedisConfiguration;
import dev.rooms.testing.RequiredServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class RedisBrokerTest {

    private RedisServerProcess redis;
    private RedisBroker first;
    private RedisBroker second;
    private final RedisConfiguration shared = new RedisConfiguration();
    private ClientResources resources;
    private RedisClient client;
    private ThreadPoolTaskScheduler scheduler;
    private final Recorder firstEvents = new Recorder();
    private final Recorder secondEvents = new Recorder();

    @BeforeEach
    void startRedisAndTwoBrokers() throws Exception {
        RequiredServices.requireRedisServerBinary();
        redis = new RedisServerProcess().start();
        BrokerProperties properties = new BrokerProperties(redis.url(), "test-" + UUID.randomUUID(), Duration.ofSeconds(2));
        resources = shared.redisClientResources();
        client = shared.redisClient(resources, properties);
        scheduler = shared.redisScheduler();
        scheduler.initialize();
        first = new RedisBroker(client, scheduler, properties, new BrokerOutage("Redis"), new LiveMetrics(new SimpleMeterRegistry()));
        second = new RedisBroker(client, scheduler, properties, new BrokerOutage("Redis"), new LiveMetrics(new SimpleMeterRegistry()));
        first.start(firstEvents);
        second.start(secondEvents);
    }

    @AfterEach
    void stop() {
        if (first != null) {
            first.stop();
            second.stop();
            scheduler.shutdown();
            client.shutdown();
            resources.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void publishWhenBothSubscribedThenEachReceivesOnceInOrder() throws Exception {
        first.subscribe(1);
        second.subscribe(1);

        for (int i = 1; i <= 50; i++) {
            first.publish(Envelope.chat(1, i, i - 1, "{\"n\":" + i + "}"));
        }

        for (Recorder recorder : new Recorder[] {firstEvents, secondEvents}) {
            for (int i = 1; i <= 50; i++) {
                Envelope received = recorder.events.poll(5, TimeUnit.SECONDS);
                assertThat(received).isEqualTo(Envelope.chat(1, i, i - 1, "{\"n\":" + i + "}"));
            }
        }
        assertThat(firstEvents.events).isEmpty();
        assertThat(secondEvents.events).isEmpty();
    }

    @Test
    void publishToRoomWhenNotSubscribedThenNotReceivedButUserDeletionReachesAll() throws Exception {
        first.subscribe(2);

        second.publish(Envelope.signal(2, "a/1", null, "{}")).join();
        second.publish(Envelope.signal(3, "a/1", 7L, "{}")).join();
        second.publish(Envelope.userDeleted(9)).join();

        assertThat(firstEvents.events.poll(5, TimeUnit.SECONDS)).isEqualTo(Envelope.signal(2, "a/1", null, "{}"));
        assertThat(firstEvents.events.poll(5, TimeUnit.SECONDS)).isEqualTo(Envelope.userDeleted(9));
        assertThat(secondEvents.events.poll(5, TimeUnit.SECONDS)).isEqualTo(Envelope.userDeleted(9));
        assertThat(firstEvents.events).isEmpty();
    }

    @Test
    void redisKilledThenDownIsReportedAndCommandsFailUntilItIsBack() throws Exception {
        first.subscribe(4);

        redis.kill();

        await().atMost(Duration.ofSeconds(5)).until(() -> firstEvents.downs.get() == 1);
        assertThatThrownBy(() -> first.subscribe(5)).isInstanceOf(BrokerUnavailableException.class);
        assertThatThrownBy(() -> first.publish(Envelope.roomDeleted(4)).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(BrokerUnavailableException.class);

        redis.start();

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            first.subscribe(4);
            second.publish(Envelope.roomDeleted(4)).join();
            assertThat(firstEvents.events.poll(200, TimeUnit.MILLISECONDS)).isEqualTo(Envelope.roomDeleted(4));
        });
    }

    private static final class Recorder implements Broker.BrokerListener {
        final BlockingQueue<Envelope> events = new LinkedBlockingQueue<>();
        final AtomicInteger downs = new AtomicInteger();

        @Override
        public void onEnvelope(Envelope envelope) {
            events.add(envelope);
        }

        @Override
        public void onBrokerDown() {
            downs.incrementAndGet();
        }
    }
}
