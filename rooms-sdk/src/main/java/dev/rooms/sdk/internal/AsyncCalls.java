package dev.rooms.sdk.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the blocking REST calls for their {@code ...Async} twins: on the executor given to the client builder, or
 * on the client's own pool, which {@link #close()} shuts down with the client.
 */
public final class AsyncCalls {

    /** Threads of the client's own pool: enough to overlap calls, few enough not to flood the server. */
    private static final int OWN_THREADS = 8;

    private final Executor executor;
    private final ThreadPoolExecutor own;

    /**
     * @param given the executor to run calls on, or {@code null} for a pool of the client's own
     */
    public AsyncCalls(Executor given) {
        if (given == null) {
            AtomicInteger count = new AtomicInteger();
            // Daemon threads that end after a minute idle: an unused client holds none, and a pending call never
            // keeps a finished program alive (whoever waits on its future does that).
            own = new ThreadPoolExecutor(OWN_THREADS, OWN_THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    task -> {
                        Thread thread = new Thread(task, "rooms-async-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            own.allowCoreThreadTimeOut(true);
            executor = own;
        } else {
            own = null;
            executor = given;
        }
    }

    /**
     * Runs a call on the executor. The future fails with exactly what the call threw (an {@code ApiException}, a
     * {@code TransportException}, ...), not wrapped, so {@code exceptionally} sees the SDK's own exception.
     *
     * @param call the blocking call
     * @param <T>  its result
     * @return the future of its result; failed with {@link IllegalStateException} once the client is closed
     */
    public <T> CompletableFuture<T> supply(Supplier<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    future.complete(call.get());
                } catch (RuntimeException | Error e) {
                    future.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(new IllegalStateException("this RoomsClient is closed", e));
        }
        return future;
    }

    /**
     * Runs a call without a result; otherwise like {@link #supply(Supplier)}.
     *
     * @param call the blocking call
     * @return the future that completes with {@code null} when the call returned
     */
    public CompletableFuture<Void> run(Runnable call) {
        return supply(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Shuts the client's own pool down; calls already queued still run (and fail, the client being closed). An
     * executor given to the builder is left alone.
     */
    public void close() {
        if (own != null) {
            own.shutdown();
        }
    }
}
