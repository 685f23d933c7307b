package dev.rooms.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The benchmark's only network thread: one selector runs every socket, timer and task, so the generator
 * costs one core at most and needs no locks. Everything except {@link #execute} and {@link #call} must run
 * on this thread.
 */
final class EventLoop implements AutoCloseable {

    private record Timer(long deadline, long order, Runnable action) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(deadline, other.deadline);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** Shared by all sockets: a read is parsed completely before the next one starts. */
    private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
    /** Shared by all sockets for framing outgoing messages. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocate(64 * 1024);
    private volatile boolean running = true;
    private long timerOrder;

    EventLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::run, "bench-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    ByteBuffer readBuffer() {
        return readBuffer;
    }

    ByteBuffer writeBuffer() {
        return writeBuffer;
    }

    /** Runs {@code task} on the loop thread soon; callable from any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code action} on the loop thread and waits for its result; for snapshots from the main thread. */
    <T> T call(Callable<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(action.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("event loop task failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("event loop did not answer within 30 s", e);
        }
    }

    /** Runs {@code action} on the loop at {@code deadlineNanos} ({@link System#nanoTime()}); loop thread only. */
    void schedule(long deadlineNanos, Runnable action) {
        timers.add(new Timer(deadlineNanos, timerOrder++, action));
    }

    private void run() {
        while (running) {
            try {
                int ready = select();
                if (ready > 0) {
                    var keys = selector.selectedKeys();
                    for (SelectionKey key : keys) {
                        ((BenchSocket) key.attachment()).handle(key);
                    }
                    keys.clear();
                }
                runTasks();
                runTimers();
            } catch (IOException e) {
                System.err.println("bench: event loop selector failed: " + e);
                running = false;
            } catch (RuntimeException e) {
                System.err.println("bench: event loop task failed: " + e);
                e.printStackTrace();
            }
        }
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing at shutdown: nothing left to report to
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing at shutdown: nothing left to report to
        }
    }

    private int select() throws IOException {
        if (!tasks.isEmpty()) {
            return selector.selectNow();
        }
        Timer next = timers.peek();
        if (next == null) {
            return selector.select(100);
        }
        long waitNanos = next.deadline - System.nanoTime();
        if (waitNanos <= 0) {
            return selector.selectNow();
        }
        return selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        Timer next;
        while ((next = timers.peek()) != null && next.deadline <= now) {
            timers.poll();
            next.action.run();
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sleeps on the calling thread, which drives a scenario; never called on the loop thread. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
