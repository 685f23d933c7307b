package dev.rooms.server.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of a chat message from a socket: persist, then publish, one room at a time.
 *
 * <p>Each room has its own queue and at most one task working on it, so within a process a room's
 * messages are persisted and published in the same order (id order). Rooms do not wait for each other:
 * there is no lock shared by all rooms, only a small pool that works on whichever rooms have messages
 * waiting, one batch (up to {@value #BATCH} messages, one transaction) at a time per room.
 *
 * <p>A room's queue is bounded: a sender that finds it full waits (its socket is not read meanwhile, which
 * pushes back on that client only) and, after {@code maxWait}, is told the message was not accepted.
 */
final class ChatSequencer {

    static final int BATCH = 128;
    private static final int MAX_PENDING_PER_ROOM = 4096;
    private static final Logger log = LoggerFactory.getLogger(ChatSequencer.class);

    private final Map<Long, RoomQueue> queues = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ChatStore store;
    private final Broker broker;
    private final RoomSessionRegistry registry;
    private final Duration maxWait;

    ChatSequencer(ChatStore store, Broker broker, RoomSessionRegistry registry, int threads, Duration maxWait) {
        this.store = store;
        this.broker = broker;
        this.registry = registry;
        this.maxWait = maxWait;
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "rooms-chat-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Queues a message for persisting and broadcasting.
     *
     * @return false when the room's queue stayed full for too long (the message was not accepted)
     */
    boolean submit(long roomId, ChatPost post) {
        RoomQueue queue = queues.computeIfAbsent(roomId, RoomQueue::new);
        try {
            if (!queue.capacity.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        queue.pending.add(post);
        schedule(queue);
        return true;
    }

    private void schedule(RoomQueue queue) {
        if (queue.scheduled.compareAndSet(false, true)) {
            workers.execute(() -> drain(queue));
        }
    }

    private void drain(RoomQueue queue) {
        try {
            List<ChatPost> batch = new ArrayList<>();
            ChatPost post;
            while (batch.size() < BATCH && (post = queue.pending.poll()) != null) {
                batch.add(post);
            }
            queue.capacity.release(batch.size());
            if (!batch.isEmpty()) {
                persistAndPublish(queue.roomId, batch);
            }
        } catch (RuntimeException e) {
            log.error("Chat batch for room {} failed", queue.roomId, e);
        } finally {
            queue.scheduled.set(false);
            if (!queue.pending.isEmpty()) {
                schedule(queue); // one batch per turn keeps busy rooms from starving the others
            }
        }
    }

    private void persistAndPublish(long roomId, List<ChatPost> batch) {
        List<StoredChat> stored = store.store(roomId, batch);
        List<CompletableFuture<Void>> published = new ArrayList<>(stored.size());
        for (StoredChat chat : stored) {
            published.add(broker.publish(Envelope.chat(roomId, chat.id(), chat.previousId(), chat.frame())));
        }
        try {
            CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Persisted but not fanned out: close the room's sockets so clients reconnect and catch up from history.
            log.warn("Publishing {} chat messages of room {} failed: {}", stored.size(), roomId, String.valueOf(e.getCause()));
            registry.closeRoom(roomId, RoomSessionRegistry.BROKER_FAILED);
        }
    }

    /** Forgets a deleted room's queue. */
    void forget(long roomId) {
        queues.remove(roomId);
    }

    /** Finishes queued work (bounded) and stops the workers. */
    void stop() {
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class RoomQueue {
        final long roomId;
        final Queue<ChatPost> pending = new ConcurrentLinkedQueue<>();
        final Semaphore capacity = new Semaphore(MAX_PENDING_PER_ROOM);
        final AtomicBoolean scheduled = new AtomicBoolean();

        RoomQueue(long roomId) {
            this.roomId = roomId;
        }
    }
}
