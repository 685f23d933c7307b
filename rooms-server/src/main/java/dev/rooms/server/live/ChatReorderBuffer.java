package dev.rooms.server.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * Puts chat from several server processes back into id order before this process's connections get it. Exists
 * only when the broker is Redis: with the in-process broker chat is published in id order and arrives so.
 *
 * <p>A chat event carries the id of the room's previous message. An event whose predecessor this process has
 * not delivered yet (another process's publish of an earlier message is still on its way) waits, and is
 * delivered as soon as the predecessor arrives, so every copy keeps its sender's {@code nonce}. Only if the
 * missing message does not arrive within the {@link GapWait} (which adapts to how late overtaken messages
 * arrive here; it runs out when the publisher failed after committing) is it read from the database, with the
 * nonce stored with it. Signals arriving while chat waits wait behind it, so a sender's order
 * holds. Every connection therefore sees the room's messages exactly once, in id order, the history's order.
 *
 * <p>The gap timers run on the application context's scheduler ({@code rooms-ws-gap}), which starts and
 * stops with it.
 */
final class ChatReorderBuffer {

    private static final Logger log = LoggerFactory.getLogger(ChatReorderBuffer.class);

    private final ChatHistory history;
    private final GapWait gapWait;
    private final TaskScheduler gapTimers;

    /**
     * @param gapWait   how long a message waits for an earlier one still on its way before that one is read
     *                  from the database
     * @param gapTimers runs the database reads that fill gaps
     */
    ChatReorderBuffer(ChatHistory history, GapWait gapWait, TaskScheduler gapTimers) {
        this.history = history;
        this.gapWait = gapWait;
        this.gapTimers = gapTimers;
    }

    /**
     * Starts ordering a room's chat, when this process's first connection in the room joins: what is older
     * than the room's newest message now is not expected any more.
     *
     * @param receiver where the room's events go once they are in order
     */
    RoomOrder open(long roomId, Receiver receiver) {
        RoomOrder order = new RoomOrder(roomId, receiver);
        order.lastChatId = history.lastMessageId(roomId);
        return order;
    }

    /** Where a room's events go once they are in order: its local connections. */
    interface Receiver {

        void chat(Envelope chat);

        void event(Envelope event);
    }

    /** One room's order, while this process has connections in it; its own monitor guards its state. */
    final class RoomOrder {

        private final long roomId;
        private final Receiver receiver;
        /** The id of the last chat message delivered. */
        private long lastChatId;
        /** Chat that arrived before its predecessor, by id. */
        private final TreeMap<Long, Waiting> early = new TreeMap<>();
        /** The running wait for a missing message, if any. */
        private ScheduledFuture<?> gapTimer;
        /** Changes whenever a wait ends or is replaced. */
        private long gapGeneration;
        /** When the running wait began ({@code System.nanoTime()}), 0 when none. */
        private long gapOpenedAt;
        /** The last fill from the database: it delivered ids strictly between these. */
        private long filledAfter;
        private long filledBefore;
        /** When the last fill's wait began, and whether a late copy of it was reported. */
        private long filledGapOpenedAt;
        private boolean lateFillReported;
        /** The newest chat message this process published in the room. */
        private long lastPublishedId;
        /** Set when the room's last local connection left: what still arrives has nobody to go to. */
        private boolean closed;

        private RoomOrder(long roomId, Receiver receiver) {
            this.roomId = roomId;
            this.receiver = receiver;
        }

        /** A chat event from the broker: delivered now if its predecessor was, else when it is. */
        synchronized void chat(Envelope envelope) {
            if (closed) {
                return;
            }
            if (envelope.messageId() <= lastChatId || early.containsKey(envelope.messageId())) {
                // A duplicate, or a copy already delivered from the database: then that fill came too early.
                if (envelope.messageId() > filledAfter && envelope.messageId() < filledBefore && !lateFillReported) {
                    lateFillReported = true;
                    gapWait.arrivedAfterFill(System.nanoTime() - filledGapOpenedAt);
                }
                return;
            }
            early.put(envelope.messageId(), new Waiting(envelope));
            deliverInOrder(false);
        }

        /** A signal or an opt-in event: delivered now, or after the chat that is waiting, to keep its sender's order. */
        synchronized void event(Envelope envelope) {
            if (closed) {
                return;
            }
            if (early.isEmpty()) {
                receiver.event(envelope);
            } else {
                early.lastEntry().getValue().signals().add(envelope);
            }
        }

        /** Notes that this process published one of its own chat messages, whose echo its senders wait for. */
        synchronized void published(long messageId) {
            lastPublishedId = Math.max(lastPublishedId, messageId);
        }

        /**
         * Waits until the echo of every chat message this process published has been delivered, or the deadline
         * ({@code System.nanoTime()}) has passed.
         *
         * @return whether every echo was delivered
         */
        synchronized boolean awaitEchoes(long deadline) throws InterruptedException {
            long left;
            while (lastChatId < lastPublishedId && (left = deadline - System.nanoTime()) > 0) {
                wait(Math.max(1, left / 1_000_000));
            }
            return lastChatId >= lastPublishedId;
        }

        /** Stops ordering: the last local connection left. */
        synchronized void close() {
            closed = true;
            early.clear();
            cancelGapWait();
        }

        /**
         * Delivers the waiting messages whose predecessor has been delivered, in id order; if some still wait
         * for a missing one, (re)starts the wait for it.
         */
        private void deliverInOrder(boolean fromDatabase) {
            boolean progressed = false;
            Map.Entry<Long, Waiting> next;
            while ((next = early.firstEntry()) != null && next.getValue().chat().previousId() <= lastChatId) {
                early.pollFirstEntry();
                lastChatId = next.getKey();
                receiver.chat(next.getValue().chat());
                next.getValue().signals().forEach(receiver::event);
                progressed = true;
            }
            if (progressed) {
                if (gapOpenedAt != 0 && !fromDatabase) {
                    gapWait.overtakenArrivedAfter(System.nanoTime() - gapOpenedAt);
                }
                gapOpenedAt = 0;
                notifyAll(); // awaitEchoes
            }
            if (early.isEmpty()) {
                cancelGapWait();
            } else if (progressed || gapTimer == null) {
                cancelGapWait();
                long generation = gapGeneration;
                gapOpenedAt = System.nanoTime();
                Duration wait = Duration.ofNanos(gapWait.nanos());
                try {
                    gapTimer = gapTimers.schedule(() -> fillGap(generation), gapTimers.getClock().instant().plus(wait));
                } catch (RejectedExecutionException closing) {
                    // The context is closing after its sockets were closed: nobody is left to fill the gap for.
                    log.debug("Room {}: not waiting for a missing message, the scheduler is stopped", roomId);
                }
            }
        }

        private void cancelGapWait() {
            if (gapTimer != null) {
                gapTimer.cancel(false);
                gapTimer = null;
            }
            gapGeneration++; // a wait already running when cancelled sees this and does nothing
        }

        /** The missing message did not arrive in time: reads it from the database (outside the lock) and goes on. */
        private void fillGap(long generation) {
            long after;
            long before;
            long openedAt;
            synchronized (this) {
                if (closed || generation != gapGeneration || early.isEmpty()) {
                    return;
                }
                gapTimer = null;
                openedAt = gapOpenedAt;
                after = lastChatId;
                before = early.firstKey();
            }
            List<StoredChat> missed;
            try {
                missed = history.messagesBetween(roomId, after, before);
            } catch (RuntimeException e) {
                log.warn("Room {}: reading messages {}..{} to fill a gap failed: {}", roomId, after, before, e.toString());
                missed = List.of();
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                log.debug("Room {}: {} message(s) before {} did not arrive in time; delivering them from the database",
                        roomId, missed.size(), before);
                filledAfter = after;
                filledBefore = before;
                filledGapOpenedAt = openedAt;
                lateFillReported = false;
                for (StoredChat message : missed) {
                    if (message.id() > lastChatId) {
                        early.putIfAbsent(message.id(), new Waiting(
                                Envelope.chat(roomId, message.id(), message.previousId(), message.frame())));
                    }
                }
                deliverInOrder(true);
                Map.Entry<Long, Waiting> stuck = early.firstEntry();
                if (stuck != null && stuck.getKey() == before && stuck.getValue().chat().previousId() > lastChatId) {
                    // Not even in the database (or it could not be read): never hold the room up for good.
                    long missing = stuck.getValue().chat().previousId();
                    log.warn("Room {}: message {} is missing; going on without it", roomId, missing);
                    lastChatId = missing;
                    deliverInOrder(true);
                }
            }
        }
    }

    /**
     * A chat message waiting for its predecessor, and the signals and opt-in events that arrived after it, to
     * follow it.
     */
    private record Waiting(Envelope chat, List<Envelope> signals) {
        Waiting(Envelope chat) {
            this(chat, new ArrayList<>());
        }
    }
}
