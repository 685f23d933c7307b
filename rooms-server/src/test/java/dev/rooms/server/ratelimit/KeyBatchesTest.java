package dev.rooms.server.ratelimit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Requests for one key that arrive during a call go together in the next one, answered in arrival order. */
class KeyBatchesTest {

    private final KeyBatches batches = new KeyBatches();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Integer> calls = new CopyOnWriteArrayList<>();
    private final List<Thread> callers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void consumeWhenRequestsArriveDuringACallThenTheNextCallTakesThemAllInOrder() throws Exception {
        CountDownLatch firstCallMayReturn = new CountDownLatch(1);
        IntFunction<KeyBatches.Taken> call = count -> {
            calls.add(count);
            if (calls.size() == 1) {
                awaitOpen(firstCallMayReturn);
                return new KeyBatches.Taken(1, 5, 0, 1_000);
            }
            return new KeyBatches.Taken(2, 0, 5_000, 10_000);
        };
        Future<ConsumptionProbe> first = consumeInThread("k", call);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
        Future<ConsumptionProbe> second = consumeInThread("k", call);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCallers() == 1);
        Future<ConsumptionProbe> third = consumeInThread("k", call);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCallers() == 2);
        Future<ConsumptionProbe> fourth = consumeInThread("k", call);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCallers() == 3);

        firstCallMayReturn.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).getRemainingTokens()).isEqualTo(5);
        assertThat(second.get(10, TimeUnit.SECONDS).getRemainingTokens()).isEqualTo(1);
        assertThat(third.get(10, TimeUnit.SECONDS).getRemainingTokens()).isZero();
        ConsumptionProbe refused = fourth.get(10, TimeUnit.SECONDS);
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill()).isEqualTo(5_000);
        assertThat(calls).containsExactly(1, 3);
    }

    @Test
    void consumeWhenTheCallFailsThenEveryRequestOfItsBatchFailsAndTheKeyIsFreeAgain() throws Exception {
        CountDownLatch firstCallMayReturn = new CountDownLatch(1);
        IntFunction<KeyBatches.Taken> failing = count -> {
            calls.add(count);
            if (calls.size() == 1) {
                awaitOpen(firstCallMayReturn);
                return new KeyBatches.Taken(1, 5, 0, 1_000);
            }
            throw new IllegalStateException("Redis is away");
        };
        Future<ConsumptionProbe> first = consumeInThread("k", failing);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1);
        Future<ConsumptionProbe> second = consumeInThread("k", failing);
        Future<ConsumptionProbe> third = consumeInThread("k", failing);
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingCallers() == 2);

        firstCallMayReturn.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).isConsumed()).isTrue();
        for (Future<ConsumptionProbe> failed : List.of(second, third)) {
            try {
                failed.get(10, TimeUnit.SECONDS);
                throw new AssertionError("expected the batch's failure");
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("Redis is away");
            }
        }
        assertThat(batches.consume("k", count -> new KeyBatches.Taken(count, 3, 0, 1_000)).getRemainingTokens())
                .isEqualTo(3);
        assertThat(calls).containsExactly(1, 2);
    }

    private Future<ConsumptionProbe> consumeInThread(String key, IntFunction<KeyBatches.Taken> call) {
        return threads.submit(() -> {
            callers.add(Thread.currentThread());
            return batches.consume(key, call);
        });
    }

    /** Callers parked until a batch answers them (the one in its call is not waiting). */
    private long waitingCallers() {
        return callers.stream().filter(thread -> thread.getState() == Thread.State.WAITING
                && Arrays.stream(thread.getStackTrace())
                        .anyMatch(frame -> frame.getMethodName().equals("join"))).count();
    }

    private static void awaitOpen(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
