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
 * flooded, and times how long it took; then tells the closes the scenario asked for from those it did not.
 * Its callbacks run on the loop thread.
 */
final class Connector {

    /** What the connect phase achieved. */
    record Result(int opened, int failed, int pending, double seconds, Map<String, Integer> failures) {

        double ratePerSecond() {
            return seconds > 0 ? opened / seconds : 0;
        }

        /** For a report line: what failed and what was pending ({@code ", FAILED 2 {HTTP 503=2}, pending 0"}) or "". */
        String failuresNote() {
            return failed + pending > 0 ? ", FAILED " + failed + " " + failures + ", pending " + pending : "";
        }
    }

    private final EventLoop loop;
    private final int total;
    private final int window;
    private final IntConsumer open;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Map<String, Integer> failures = new TreeMap<>();
    private final boolean[] upgraded;
    private final Map<Integer, Integer> unexpectedCloses = new TreeMap<>();
    private boolean closingAll;
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
        this.upgraded = new boolean[total];
    }

    /**
     * Opens all sockets and waits until each is open or failed, or the time is up (a minute, more for more than
     * 3,000 sockets: 50 handshakes a second at the least); main thread.
     */
    Result openAll() {
        long timeoutSeconds = Math.max(60, total / 50);
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

    /** The socket's upgrade completed. */
    void opened(BenchSocket socket) {
        upgraded[socket.id()] = true;
        inFlight--;
        opened++;
        fill();
    }

    /**
     * The socket closed: before its upgrade, it failed to connect (counted by HTTP status or close reason); after
     * it, unless {@link #closeAll} closed it, the server or the network closed it under the scenario.
     */
    void closed(BenchSocket socket, int code, String reason) {
        if (!upgraded[socket.id()]) {
            inFlight--;
            failed++;
            failures.merge(code < 0 ? "HTTP " + -code : reason, 1, Integer::sum);
            fill();
        } else if (!closingAll) {
            unexpectedCloses.merge(code, 1, Integer::sum);
        }
    }

    /** Sockets closed after their upgrade but not by {@link #closeAll}. */
    long unexpectedCloses() {
        return unexpectedCloses.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** For a report line: the close codes of {@link #unexpectedCloses()} ({@code " (close codes {1011=3})"}), or "". */
    String unexpectedCloseCodes() {
        return unexpectedCloses.isEmpty() ? "" : " (close codes " + unexpectedCloses + ")";
    }

    /** Closes every socket, as the scenario ends, and waits (10 s at most) until they are closed; main thread. */
    void closeAll(BenchSocket[] sockets) {
        loop.call(() -> {
            closingAll = true;
            return null;
        });
        BenchSocket.closeAll(loop, sockets);
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
