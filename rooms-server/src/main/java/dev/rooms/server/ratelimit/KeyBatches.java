package dev.rooms.server.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import io.github.bucket4j.ConsumptionProbe;

/**
 * Sends the requests for one key that arrive while a call for it is in flight as one call: a bot on 64
 * connections, or a room's burst from one user, costs a round trip per batch rather than per request. A caller
 * finds its key idle and calls for itself, or waits; the caller whose call returns hands everything that waited
 * meanwhile to the first of them, which calls for all. So nobody calls for more than one batch, and the order
 * of arrival is the order tokens are handed out in.
 *
 * <p>It changes how many round trips there are, not what is admitted: the store's call is atomic and takes the
 * batch's tokens in order, so it admits what one call per request would have admitted, and two batches for one
 * key at once (two processes, or a key forgotten here while a batch ran) are as safe as two requests. The one
 * figure that differs is {@code X-RateLimit-Reset} of a request early in a batch: the bucket's after the batch.
 */
final class KeyBatches {

    /**
     * What one call answered for {@code count} requests in arrival order.
     *
     * @param taken      how many of them, from the first, got a token
     * @param remaining  tokens left after the call
     * @param waitNanos  until a token is back, when not all got one
     * @param resetNanos until the bucket is full again
     */
    record Taken(int taken, long remaining, long waitNanos, long resetNanos) {
    }

    private static final class Lane {
        private boolean busy;
        private List<CompletableFuture<Object>> waiting = new ArrayList<>();
    }

    /** Handed to the first waiter of a batch: it calls for these. */
    private record Turn(List<CompletableFuture<Object>> batch) {
    }

    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();

    /** Takes a token for {@code key} through {@code call}, which takes as many for a batch of that many requests. */
    ConsumptionProbe consume(String key, IntFunction<Taken> call) {
        Lane lane = lanes.computeIfAbsent(key, k -> new Lane());
        CompletableFuture<Object> mine = new CompletableFuture<>();
        List<CompletableFuture<Object>> batch;
        synchronized (lane) {
            if (lane.busy) {
                lane.waiting.add(mine);
                batch = null;
            } else {
                lane.busy = true;
                batch = List.of(mine);
            }
        }
        if (batch == null) {
            Object outcome = await(mine);
            if (outcome instanceof ConsumptionProbe probe) {
                return probe;
            }
            batch = ((Turn) outcome).batch();
        }
        try {
            return answer(batch, call);
        } finally {
            handOver(key, lane);
        }
    }

    /** Calls for the batch, answers the others in it, and returns the first's (the caller's own) verdict. */
    private static ConsumptionProbe answer(List<CompletableFuture<Object>> batch, IntFunction<Taken> call) {
        Taken taken;
        try {
            taken = call.apply(batch.size());
        } catch (Throwable e) {
            batch.subList(1, batch.size()).forEach(waiter -> waiter.completeExceptionally(e));
            throw e;
        }
        for (int i = 1; i < batch.size(); i++) {
            batch.get(i).complete(probe(taken, i));
        }
        return probe(taken, 0);
    }

    /** The verdict of the {@code i}th request of a batch, as if the batch's requests had been called one by one. */
    private static ConsumptionProbe probe(Taken taken, int i) {
        return i < taken.taken()
                ? ConsumptionProbe.consumed(taken.remaining() + taken.taken() - 1 - i, taken.resetNanos())
                : ConsumptionProbe.rejected(taken.remaining(), taken.waitNanos(), taken.resetNanos());
    }

    private void handOver(String key, Lane lane) {
        List<CompletableFuture<Object>> next;
        synchronized (lane) {
            if (lane.waiting.isEmpty()) {
                lane.busy = false;
                lanes.remove(key, lane);
                return;
            }
            next = lane.waiting;
            lane.waiting = new ArrayList<>();
        }
        next.get(0).complete(new Turn(next));
    }

    private static Object await(CompletableFuture<Object> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
