package dev.rooms.server.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * One client socket in a room, with its own bounded outgoing queue.
 *
 * <p>A connection is created and joins its room during the handshake, before the client can see the
 * upgrade, so it misses nothing sent afterwards; frames delivered before the socket opens wait in its
 * queue until {@link #attach}.
 *
 * <p>{@link #send} may be called from any thread and never blocks: it appends to the queue, and whichever
 * thread finds the connection idle hands the next frame to Jetty's core session, a non-blocking write; each
 * completed write starts the next one on the thread that completed it. So at most one write is in flight per
 * socket, frames never interleave, and a peer that stops reading only fills its own queue. When the queue would
 * exceed its limit the connection is closed with 4008 instead of growing. A frame (close frames included) that
 * has not reached the peer's socket within the send timeout makes Jetty drop the connection.
 *
 * <p>The payload of a frame is a view of the bytes its broadcast encoded once ({@link TextFrame}); between
 * writes a connection holds no buffer of its own (Jetty lends one from its pool for the duration of a write).
 * When several frames are queued, all but the last are handed to Jetty as a batch, which it gathers into the
 * last one's write: one system call for all of them ({@link #holdWrites} lets a room's batch of chat queue up).
 */
final class LiveConnection {

    static final CloseStatus SLOW_CONSUMER = new CloseStatus(4008, "slow consumer");

    private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);
    /** Queued like a frame, so a ping never interleaves with one. */
    private static final TextFrame PING = TextFrame.of("");

    /** Set once the socket is open; frames queued before wait for it. */
    private volatile CoreSession socket;
    private volatile long sendTimeoutMillis;
    private final String id;
    private final long userId;
    private final long roomId;
    private final Instant tokenExpiresAt;
    private final Set<LiveEvent> events;
    private final long sendBufferLimit;
    private final Executor closer;

    private final Queue<TextFrame> outgoing = new ConcurrentLinkedQueue<>();
    /** The completion of the write in flight: one per connection, not one per frame. */
    private final Callback written = Callback.from(this::writeSucceeded, this::failed);
    /** Characters of the frame in flight, released when it completes. */
    private volatile int inFlightChars;
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Hand-over between the thread that started a write and its completion: the second to arrive goes on. */
    private final AtomicBoolean handOver = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private volatile CloseStatus closeStatus = SLOW_CONSUMER;
    /** Set while the room's batch of chat is being delivered ({@link #holdWrites}). */
    private volatile boolean writesHeld;
    /** Set by {@link #closeAfterFlush}: close once the queue is empty, queue nothing more. */
    private volatile boolean closeWhenFlushed;
    /** The status the server chose when it decided to close, for the close metrics; null otherwise. */
    private volatile CloseStatus serverCloseStatus;

    /** When our close frame reached the peer's socket ({@code System.nanoTime()}), 0 until then. */
    private volatile long closeSentNanos;
    /** Set once the close frame was written, its write failed, or the connection closed. */
    private volatile boolean closeWritten;
    private volatile long lastInboundNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();

    /** A connection that opted into no extra events: it receives only what the spec describes. */
    LiveConnection(String id, long userId, long roomId, Instant tokenExpiresAt, long sendBufferLimit, Executor closer) {
        this(id, userId, roomId, tokenExpiresAt, Set.of(), sendBufferLimit, closer);
    }

    /** A connection still in its handshake: it can join its room and queue frames before its socket exists. */
    LiveConnection(String id, long userId, long roomId, Instant tokenExpiresAt, Set<LiveEvent> events,
                   long sendBufferLimit, Executor closer) {
        this.id = id;
        this.events = Set.copyOf(events);
        this.userId = userId;
        this.roomId = roomId;
        this.tokenExpiresAt = tokenExpiresAt;
        this.sendBufferLimit = sendBufferLimit;
        this.closer = closer;
    }

    /**
     * The socket is open: starts writing what was queued meanwhile (or closing, if that was decided).
     *
     * @param sendTimeout how long one frame may take to reach the peer's socket before Jetty drops the connection
     */
    void attach(CoreSession socket, Duration sendTimeout) {
        this.sendTimeoutMillis = sendTimeout.toMillis();
        this.socket = socket;
        touch();
        startWriting();
    }

    String id() {
        return id;
    }

    long userId() {
        return userId;
    }

    long roomId() {
        return roomId;
    }

    /** Whether the socket opted into these extra events with {@code ?events=}. */
    boolean wants(LiveEvent event) {
        return events.contains(event);
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    long lastInboundNanos() {
        return lastInboundNanos;
    }

    long lastPingNanos() {
        return lastPingNanos;
    }

    boolean isClosing() {
        return closing.get();
    }

    /** Characters queued for this socket and not yet written. */
    long queuedChars() {
        return queuedChars.get();
    }

    /** The status of {@link #close}, if the server closed this connection; null if the peer or a failure did. */
    CloseStatus serverCloseStatus() {
        return serverCloseStatus;
    }

    /** Records that the peer is alive (any frame, pongs included). */
    void touch() {
        lastInboundNanos = System.nanoTime();
    }

    /** Queues a text frame; closes the connection with 4008 when its queue would overflow. Never blocks. */
    void send(TextFrame frame) {
        if (closing.get() || closeWhenFlushed) {
            return;
        }
        if (queuedChars.addAndGet(frame.chars()) > sendBufferLimit) {
            queuedChars.addAndGet(-frame.chars());
            log.info("Closing connection {} of user {}: more than {} characters queued for it", id, userId, sendBufferLimit);
            close(SLOW_CONSUMER);
            return;
        }
        outgoing.add(frame);
        if (!writesHeld) {
            startWriting();
        }
    }

    /**
     * Frames sent from now on wait in the queue until {@link #releaseWrites}, so that they go out together (a
     * write already in flight still goes on to whatever is queued when it completes). For the thread delivering
     * the room's chat, which alone holds and releases.
     */
    void holdWrites() {
        writesHeld = true;
    }

    /** Writes what {@link #holdWrites} kept back. */
    void releaseWrites() {
        writesHeld = false;
        startWriting();
    }

    /** Queues a ping unless the socket is busy anyway (a busy socket is closed by the send timeout if stuck). */
    void ping() {
        lastPingNanos = System.nanoTime();
        if (!closing.get() && outgoing.isEmpty() && !writing.get()) {
            outgoing.add(PING);
            startWriting();
        }
    }

    /**
     * Closes the connection with {@code status}: frames still queued are dropped, a frame already being
     * written is finished first (so the close frame can follow it even to a peer that was slow), then the
     * close runs on the closer thread.
     */
    void close(CloseStatus status) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeStatus = status;
        serverCloseStatus = status;
        outgoing.clear();
        startWriting();
    }

    /**
     * Closes the connection with {@code status} once every frame queued so far has been written (a graceful
     * stop: senders get the echoes of what was stored). Frames sent after this are dropped. A peer that does
     * not read is still bounded by the send timeout.
     */
    void closeAfterFlush(CloseStatus status) {
        if (closing.get()) {
            return;
        }
        closeStatus = status;
        closeWhenFlushed = true;
        startWriting();
    }

    /**
     * Whether the close frame has reached the peer's socket, or the connection is gone: only then may the web
     * server stop without cutting the close short.
     */
    boolean isCloseWritten() {
        return closeWritten;
    }

    private void startClose() {
        if (!closeStarted.compareAndSet(false, true)) {
            return;
        }
        CloseStatus status = closeStatus;
        // Bounded like any frame: a peer that does not read does not get to hold the connection open.
        OutgoingEntry frame = new OutgoingEntry.Builder(
                new org.eclipse.jetty.websocket.core.CloseStatus(status.getCode(), status.getReason()).toFrame(),
                Callback.from(() -> {
                    closeSentNanos = Math.max(1, System.nanoTime());
                    closeWritten = true;
                }, failure -> {
                    closeWritten = true;
                    log.debug("Closing connection {} with {} failed: {}", id, status, failure.toString());
                }))
                .frameTimeout(sendTimeoutMillis)
                .build();
        Runnable close = () -> socket.sendFrame(frame);
        try {
            closer.execute(close);
        } catch (RejectedExecutionException e) {
            close.run(); // shutting down: the close threads are gone
        }
    }

    /**
     * Whether our close frame went out more than {@code waitNanos} ago and the peer has not answered it (Jetty
     * would wait for its answer until its idle timeout).
     */
    boolean closeAnswerOverdue(long nowNanos, long waitNanos) {
        long sent = closeSentNanos;
        return sent != 0 && nowNanos - sent > waitNanos;
    }

    /** Drops the TCP connection without a close handshake (the peer did not answer ours). */
    void abort() {
        socket.abort();
    }

    /**
     * Jetty is closing the socket because it broke a limit the server set (the frame limit): the close
     * counts as the server's, with {@code status}, in the close metrics.
     */
    void closingForLimit(CloseStatus status) {
        serverCloseStatus = status;
        closing.set(true);
    }

    /** Marks the connection closed by the peer or container so nothing more is queued. */
    void closed() {
        closeWritten = true;
        closing.set(true);
        outgoing.clear();
    }

    private void startWriting() {
        if (socket != null && writing.compareAndSet(false, true)) {
            writeNext();
        }
    }

    private void writeNext() {
        while (true) {
            if (closing.get()) {
                outgoing.clear();
                startClose(); // keeps the writer flag: nothing is written after the close
                return;
            }
            TextFrame frame = outgoing.poll();
            if (frame == null) {
                if (closeWhenFlushed) {
                    closing.set(true);
                    startClose(); // keeps the writer flag: nothing is written after the close
                    return;
                }
                writing.set(false);
                // A frame queued (or a flush-and-close asked for) after poll() but before the flag dropped would
                // otherwise wait for the next send.
                if ((outgoing.isEmpty() && !closeWhenFlushed) || !writing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            handOver.set(false);
            inFlightChars = frame.chars();
            try {
                Frame data = frame == PING ? new Frame(OpCode.PING) : new Frame(OpCode.TEXT, frame.payload());
                // A batched frame is copied into Jetty's batch buffer and completes at once; the next frame that
                // is not batched (this loop's last, or a close) writes the buffer with it. Only this thread polls,
                // so a frame seen queued here is the next one this loop hands over (unless a close clears it).
                boolean more = !outgoing.isEmpty();
                socket.sendFrame(new OutgoingEntry.Builder(data, written).batch(more)
                        .frameTimeout(sendTimeoutMillis).build());
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            if (!handOver.compareAndSet(false, true)) {
                continue; // the write already completed on this thread: go on here instead of recursing
            }
            return;
        }
    }

    private void writeSucceeded() {
        queuedChars.addAndGet(-inFlightChars);
        if (!handOver.compareAndSet(false, true)) {
            writeNext();
        }
    }

    private void failed(Throwable failure) {
        log.debug("Writing to connection {} failed: {}", id, String.valueOf(failure));
        closing.set(true);
        outgoing.clear();
        startClose();
    }

    @Override
    public String toString() {
        return "LiveConnection[" + id + ", user " + userId + ", room " + roomId + "]";
    }
}
