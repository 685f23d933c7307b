package dev.rooms.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

/**
 * Opens many sockets with a bounded number of handshakes in flight, so the server's accept queue is not
 * flooded, and times how long it took. Its callbacks run on the loop thread.
 */
final class Connector {

    /** What the connect phase achieved. */
    record Result(int opened, int failed, int pending, double seconds, Map<String, Integer> failures) {

        double ratePerSecond() {
            return seconds > 0 ? opened / seconds : 0;
        }
    }

    private final EventLoop loop;
    private final int total;
    private final int window;
    private final IntConsumer open;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private int next;
    private int inFlight;
    private int opened;
    private int failed;
    private boolean filling;
    private long startNanos;
    private long endNanos;

    /** {@code open} starts connecting socket number {@code i}; it is called on the loop thread. */
    Connector(EventLoop loop, int total, int window, IntConsumer open) {
        this.loop = loop;
        this.total = total;
        this.window = window;
        this.open = open;
    }

    /** Opens all sockets and waits until each is open or failed, or the timeout passes; main thread. */
    Result openAll(long timeoutSeconds) {
        loop.execute(() -> {
            startNanos = System.nanoTime();
            fill();
        });
        try {
            done.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.err.println("bench: connecting did not finish within " + timeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return loop.call(() -> {
            long end = done.isDone() ? endNanos : System.nanoTime();
            return new Result(opened, failed, total - opened - failed, (end - startNanos) / 1e9,
                    new TreeMap<>(failures));
        });
    }

    boolean connecting() {
        return !done.isDone();
    }

    void opened() {
        inFlight--;
        opened++;
        fill();
    }

    void failed(String reason) {
        inFlight--;
        failed++;
        failures.merge(reason, 1, Integer::sum);
        fill();
    }

    private void fill() {
        if (filling) {
            return;
        }
        filling = true;
        while (inFlight < window && next < total) {
            inFlight++;
            open.accept(next++);
        }
        filling = false;
        if (opened + failed == total && !done.isDone()) {
            endNanos = System.nanoTime();
            done.complete(null);
        }
    }
}
