package dev.rooms.server.ratelimit;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.rooms.server.system.BrokerProperties;
import dev.rooms.testing.RequiredServices;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The Redis store's token buckets against a real Redis: the figures a verdict is made of, one limit across
 * stores (processes) sharing Redis, refunds, and what happens while Redis is unreachable.
 */
class RedisBucketStoreTest {

    private static RedisClient client;

    private RedisBucketStore store;
    private RedisBucketStore other;

    @BeforeAll
    static void connect() {
        RequiredServices.requireRedis();
        client = RedisClient.create(RequiredServices.REDIS_URL);
    }

    @AfterAll
    static void disconnect() {
        if (client != null) {
            client.shutdown();
        }
    }

    @BeforeEach
    void openStores() {
        BrokerProperties properties = new BrokerProperties(RequiredServices.REDIS_URL,
                "rooms-test-" + UUID.randomUUID(), Duration.ofSeconds(3));
        store = new RedisBucketStore(client, properties);
        other = new RedisBucketStore(client, properties);
    }

    @AfterEach
    void closeStores() {
        store.close();
        other.close();
    }

    @Test
    void consumeWhenTheBurstIsSpentThenRefusedWithTheWaitForOneToken() {
        Rate rate = Rate.valueOf("3/1h");

        ConsumptionProbe first = store.tryConsume("k", rate);
        store.tryConsume("k", rate);
        ConsumptionProbe third = store.tryConsume("k", rate);
        ConsumptionProbe fourth = store.tryConsume("k", rate);

        assertThat(first.isConsumed()).isTrue();
        assertThat(first.getRemainingTokens()).isEqualTo(2);
        assertThat(third.isConsumed()).isTrue();
        assertThat(third.getRemainingTokens()).isZero();
        assertThat(fourth.isConsumed()).isFalse();
        assertThat(Duration.ofNanos(fourth.getNanosToWaitForRefill())).isBetween(Duration.ofSeconds(1190), Duration.ofSeconds(1200));
        assertThat(Duration.ofNanos(fourth.getNanosToWaitForReset())).isBetween(Duration.ofSeconds(3590), Duration.ofSeconds(3600));
    }

    @Test
    void consumeWhenBandsAreSeveralThenTheFiguresAreBucket4jsForTheSameRate() {
        Rate rate = Rate.valueOf("5/1m,20/1h");
        LocalBucketStore local = new LocalBucketStore();
        ConsumptionProbe inRedis = null;
        ConsumptionProbe inProcess = null;

        for (int i = 0; i < 6; i++) {
            inRedis = store.tryConsume("k", rate);
            inProcess = local.tryConsume("k", rate);
            assertThat(inRedis.isConsumed()).as("token %d", i + 1).isEqualTo(inProcess.isConsumed());
            assertThat(inRedis.getRemainingTokens()).isEqualTo(inProcess.getRemainingTokens());
        }

        assertThat(inRedis.isConsumed()).isFalse();
        assertThat(Verdict.seconds(inRedis.getNanosToWaitForRefill()))
                .isCloseTo(Verdict.seconds(inProcess.getNanosToWaitForRefill()), within(1L));
        assertThat(Verdict.seconds(inRedis.getNanosToWaitForReset()))
                .isCloseTo(Verdict.seconds(inProcess.getNanosToWaitForReset()), within(1L));
    }

    @Test
    void consumeWhenTwoStoresShareRedisThenOneLimitHolds() {
        Rate rate = Rate.valueOf("4/1h");
        for (int i = 0; i < 2; i++) {
            assertThat(store.tryConsume("k", rate).isConsumed()).isTrue();
            assertThat(other.tryConsume("k", rate).isConsumed()).isTrue();
        }

        assertThat(store.tryConsume("k", rate).isConsumed()).isFalse();
        assertThat(other.tryConsume("k", rate).isConsumed()).isFalse();
        assertThat(store.tryConsume("another key", rate).isConsumed()).isTrue();
    }

    @Test
    void consumeWhenManyRequestsRaceForOneKeyThenExactlyTheCapacityIsAdmittedEachWithItsOwnRemaining() throws Exception {
        Rate rate = Rate.valueOf("10/1h");
        ExecutorService threads = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ConsumptionProbe>> probes = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            RedisBucketStore process = i % 2 == 0 ? store : other;
            probes.add(threads.submit(() -> {
                start.await();
                return process.tryConsume("k", rate);
            }));
        }

        start.countDown();

        List<Long> admittedRemaining = new ArrayList<>();
        for (Future<ConsumptionProbe> probe : probes) {
            ConsumptionProbe answer = probe.get(30, TimeUnit.SECONDS);
            if (answer.isConsumed()) {
                admittedRemaining.add(answer.getRemainingTokens());
            }
        }
        threads.shutdown();
        assertThat(admittedRemaining).containsExactlyInAnyOrder(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
    }

    @Test
    void addTokenWhenTheBucketWasSpentThenOneMoreIsAdmittedButNeverAboveCapacity() {
        Rate rate = Rate.valueOf("2/1h");
        store.addToken("full", rate);
        store.tryConsume("spent", rate);
        store.tryConsume("spent", rate);

        other.addToken("spent", rate);

        assertThat(store.tryConsume("spent", rate).isConsumed()).isTrue();
        assertThat(store.tryConsume("spent", rate).isConsumed()).isFalse();
        assertThat(store.tryConsume("full", rate).isConsumed()).isTrue();
        assertThat(store.tryConsume("full", rate).isConsumed()).isTrue();
        assertThat(store.tryConsume("full", rate).isConsumed()).isFalse();
    }

    @Test
    void consumeWhenRedisIsUnreachableThenRequestsAreLetThroughAndCounted() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RedisClient unreachable = RedisClient.create("redis://127.0.0.1:" + closedPort);
        RedisBucketStore down = new RedisBucketStore(unreachable, new BrokerProperties("redis://127.0.0.1:" + closedPort,
                "rooms-test", Duration.ofSeconds(3)));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RateLimiter limiter = new RateLimiter(true, down, new LocalBucketStore(), () -> false, meters);
        try {
            Verdict verdict = limiter.consume("chat-user", Rate.valueOf("1/1h"), "7");
            Verdict again = limiter.consume("chat-user", Rate.valueOf("1/1h"), "7");

            assertThat(verdict.allowed()).isTrue();
            assertThat(verdict.limited()).as("no limit applied, so no X-RateLimit headers").isFalse();
            assertThat(again.allowed()).isTrue();
            assertThat(meters.counter("rooms.ratelimit.unenforced").count()).isEqualTo(2);
            assertThatThrownBy(() -> down.tryConsume("k", Rate.valueOf("1/1h"))).isInstanceOf(RedisException.class);
        } finally {
            limiter.close();
            unreachable.shutdown();
        }
    }
}
