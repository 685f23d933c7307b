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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.rooms.server.message.ChatStore;
import dev.rooms.server.message.PostOutcome;
import dev.rooms.server.message.PostedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of what a socket sends to its room: chat is persisted (by the {@code message} part's
 * {@link ChatStore}), then published; signals are published.
 *
 * <p>Each room has its own queue and at most one task working on it, so within a process a room's
 * messages are persisted and published in the same order (id order), and what one client sends reaches
 * the others in the order it was sent, chat and signals alike (as with the original, which handled a
 * socket's frames one after the other). Rooms do not wait for each other: there is no lock shared by all
 * rooms, only a small pool that works on whichever rooms have work waiting, one batch (up to
 * {@value #BATCH} items; consecutive chat messages share one transaction) at a time per room.
 *
 * <p>A room's queue exists only while it has work: a worker that finds it empty removes it, so many
 * short-lived or quiet rooms cost nothing. A room's queue is bounded: a sender that finds it full waits (its socket is not read meanwhile, which
 * pushes back on that client only) and, after {@code maxWait}, is told the message was not accepted.
 *
 * <p>The workers are the application context's executor ({@code rooms-chat-*}), which starts and stops with it.
 * {@link #stop(Duration)} stops taking work and lets what was taken finish; {@link #start()} takes work again.
 */
final class RoomSequencer {

    static final int BATCH = 128;
    private static final int MAX_PENDING_PER_ROOM = 4096;
    private static final Logger log = LoggerFactory.getLogger(RoomSequencer.class);

    private final Map<Long, RoomQueue> queues = new ConcurrentHashMap<>();
    private final Executor workers;
    private final ChatStore store;
    private final ChatFrames frames;
    private final Broker broker;
    private final RoomSessionRegistry registry;
    private final BrokerOutage outage;
    private final Duration maxWait;
    private final LiveMetrics metrics;
    /** Whether new work is taken; cleared by {@link #stop(Duration)}. */
    private volatile boolean accepting = true;
    /** Notified whenever a room's queue goes away (drained), for {@link #stop(Duration)}. */
    private final Object drained = new Object();

    RoomSequencer(Executor workers, ChatStore store, ChatFrames frames, Broker broker, RoomSessionRegistry registry,
                  BrokerOutage outage, Duration maxWait, LiveMetrics metrics) {
        this.workers = workers;
        this.store = store;
        this.frames = frames;
        this.outage = outage;
        this.metrics = metrics;
        this.broker = broker;
        this.registry = registry;
        this.maxWait = maxWait;
    }

    /** Takes work again after a {@link #stop(Duration)} (a stopped application context may be restarted). */
    void start() {
        accepting = true;
    }

    /**
     * Queues a chat message for persisting and broadcasting.
     *
     * @return false when the room's queue stayed full for too long (the message was not accepted)
     */
    boolean submitChat(long roomId, ChatPost post) {
        return submit(roomId, new Item(post, null, System.nanoTime()));
    }

    /**
     * Queues a signal for relaying, behind what the room's clients sent before it.
     *
     * @return false when the room's queue stayed full for too long (the signal was not accepted)
     */
    boolean submitSignal(Envelope signal) {
        return submit(signal.roomId(), new Item(null, signal, System.nanoTime()));
    }

    private boolean submit(long roomId, Item item) {
        if (!accepting) {
            // The process is stopping: what arrives now is not stored, and its sender, closed with 1001 in a
            // moment, does not get it confirmed; a REST post is told at once.
            if (item.chat() != null) {
                item.chat().notStored(new IllegalStateException("the server is stopping"));
            }
            return true;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            RoomQueue queue = queues.computeIfAbsent(roomId, RoomQueue::new);
            try {
                if (!queue.capacity.tryAcquire(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            synchronized (queue) {
                if (queue.retired) {
                    // Drained and removed meanwhile: a queue that is no longer in the map must not get work, or
                    // the room would have two queues and two workers.
                    queue.capacity.release();
                    continue;
                }
                queue.pending.add(item);
            }
            schedule(queue);
            return true;
        }
    }

    private void schedule(RoomQueue queue) {
        if (queue.scheduled.compareAndSet(false, true)) {
            try {
                workers.execute(() -> drain(queue));
            } catch (RejectedExecutionException closed) {
                // The context is closing past the point where the live part drained its queues (see stop()).
                queue.scheduled.set(false);
                log.warn("Room {}: chat queued after the workers stopped is not stored", queue.roomId);
            }
        }
    }

    private void drain(RoomQueue queue) {
        try {
            List<Item> batch = new ArrayList<>();
            Item item;
            while (batch.size() < BATCH && (item = queue.pending.poll()) != null) {
                batch.add(item);
            }
            queue.capacity.release(batch.size());
            if (!batch.isEmpty()) {
                publish(queue.roomId, batch);
            }
        } catch (RuntimeException e) {
            log.error("Chat batch for room {} failed", queue.roomId, e);
        } finally {
            queue.scheduled.set(false);
            boolean more;
            synchronized (queue) {
                more = !queue.pending.isEmpty();
                // Not while another drain of this queue, scheduled since this one cleared the flag, is still at
                // work: a new queue for the room would then be worked on at the same time.
                if (!more && !queue.scheduled.get()) {
                    // An idle room keeps nothing in memory; its next message makes a new queue.
                    queue.retired = true;
                    queues.remove(queue.roomId, queue);
                    synchronized (drained) {
                        drained.notifyAll();
                    }
                }
            }
            if (more) {
                schedule(queue); // one batch per turn keeps busy rooms from starving the others
            }
        }
    }

    private void publish(long roomId, List<Item> batch) {
        List<CompletableFuture<Void>> published = new ArrayList<>(batch.size());
        List<ChatPost> chats = new ArrayList<>();
        for (Item item : batch) {
            if (item.chat() != null) {
                chats.add(item.chat());
            } else {
                persistAndPublish(roomId, chats, published);
                chats.clear();
                published.add(broker.publish(item.signal()));
            }
        }
        persistAndPublish(roomId, chats, published);
        try {
            CompletableFuture.allOf(published.toArray(CompletableFuture[]::new)).get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
            batch.stream().filter(item -> item.chat() != null).forEach(item -> metrics.broadcast(item.receivedNanos()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Persisted but not fanned out: close the room's sockets so clients reconnect and catch up from history.
            outage.failedPublish(published.size(), roomId, e.getCause());
            registry.closeRoom(roomId, RoomSessionRegistry.BROKER_FAILED);
        }
    }

    private void persistAndPublish(long roomId, List<ChatPost> chats, List<CompletableFuture<Void>> published) {
        if (chats.isEmpty()) {
            return;
        }
        int stored = 0;
        try {
            List<PostOutcome> outcomes = store.store(roomId, chats.stream().map(ChatPost::message).toList());
            try (RoomSessionRegistry.HeldWrites held = registry.holdWrites(roomId, chats.size())) {
                for (int i = 0; i < chats.size(); i++) {
                    ChatPost post = chats.get(i);
                    PostedMessage message = outcomes.get(i).posted();
                    if (message == null) {
                        post.notStored(outcomes.get(i).failure());
                        continue;
                    }
                    long id = message.message().id();
                    registry.publishing(roomId, id);
                    published.add(broker.publish(Envelope.chat(roomId, id, message.previousId(),
                            frames.render(message.message(), post.nonce()))));
                    post.stored(message.message());
                    stored++;
                }
            }
        } finally {
            metrics.stored(stored);
            // A REST post waits for its outcome: whatever was not handled above must not leave it waiting.
            IllegalStateException notStored = new IllegalStateException("not stored with its batch");
            chats.forEach(post -> post.notStored(notStored));
        }
    }

    /** Rooms with work queued or in progress (for the metrics; an idle room has no queue). */
    int queuedRooms() {
        return queues.size();
    }

    /**
     * Stops taking work and waits (at most {@code timeout}) until what was taken is stored and published.
     *
     * @return how many rooms still had work when the time ran out
     */
    int stop(Duration timeout) {
        accepting = false;
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (drained) {
            long left;
            while (!queues.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    drained.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return queues.size();
    }

    /** A chat message or a signal, in the order a room's clients sent them, and when it arrived. */
    private record Item(ChatPost chat, Envelope signal, long receivedNanos) {
    }

    private static final class RoomQueue {
        final long roomId;
        final Queue<Item> pending = new ConcurrentLinkedQueue<>();
        final Semaphore capacity = new Semaphore(MAX_PENDING_PER_ROOM);
        final AtomicBoolean scheduled = new AtomicBoolean();
        /** Set, under the queue's monitor, when it was found empty and left the map; guarded by that monitor. */
        boolean retired;

        RoomQueue(long roomId) {
            this.roomId = roomId;
        }
    }
}
