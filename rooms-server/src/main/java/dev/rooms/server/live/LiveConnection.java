package dev.rooms.server.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client socket in a room, with its own bounded outgoing queue.
 *
 * <p>A connection is created and joins its room during the handshake, before the client can see the
 * upgrade, so it misses nothing sent afterwards; frames delivered before the socket opens wait in its
 * queue until {@link #attach}.
 *
 * <p>{@link #send} may be called from any thread and never blocks: it appends to the queue, and whichever
 * thread finds the connection idle starts a non-blocking write; each completed write starts the next one
 * on Tomcat's completion thread. So at most one write is in flight per socket, frames never interleave,
 * and a peer that stops reading only fills its own queue. When the queue would exceed its limit the
 * connection is closed with 4008 instead of growing.
 *
 * <p>Inbound frames arrive in parts (the container buffer is kept small to save memory per idle
 * connection); {@link #appendInbound} reassembles them up to the frame limit. Only the container's reading
 * thread calls it.
 */
final class LiveConnection {

    static final CloseStatus SLOW_CONSUMER = new CloseStatus(4008, "slow consumer");

    private static final Logger log = LoggerFactory.getLogger(LiveConnection.class);
    private static final String PING = new String("ping");
    private static final ByteBuffer PING_PAYLOAD = ByteBuffer.allocate(0);

    private volatile WebSocketSession session;
    /** Set once the socket is open; frames queued before wait for it. */
    private volatile RemoteEndpoint.Async remote;
    private final String id;
    private final long userId;
    private final long roomId;
    private final Instant tokenExpiresAt;
    private final Set<LiveEvent> events;
    private final long sendBufferLimit;
    private final Executor closer;

    private final Queue<String> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    /** Hand-over between the thread that started a write and its completion: the second to arrive goes on. */
    private final AtomicBoolean handOver = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean closeStarted = new AtomicBoolean();
    private volatile CloseStatus closeStatus = SLOW_CONSUMER;
    /** Set by {@link #closeAfterFlush}: close once the queue is empty, queue nothing more. */
    private volatile boolean closeWhenFlushed;
    /** The status the server chose when it decided to close, for the close metrics; null otherwise. */
    private volatile CloseStatus serverCloseStatus;

    private volatile long lastInboundNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();

    private StringBuilder partial;
    private long partialBytes;

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

    /** The socket is open: starts writing what was queued meanwhile (or closing, if that was decided). */
    void attach(WebSocketSession session, RemoteEndpoint.Async remote) {
        this.session = session;
        this.remote = remote;
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

    /**
     * Adds an inbound text part; returns the whole message once its last part arrived, else {@code null}.
     *
     * @throws FrameTooLargeException when the message so far exceeds {@code limitBytes} (UTF-8)
     */
    String appendInbound(String part, boolean last, long limitBytes) {
        touch();
        long size = partialBytes + utf8Length(part);
        if (size > limitBytes) {
            partial = null;
            partialBytes = 0;
            throw new FrameTooLargeException(size);
        }
        if (last && partial == null) {
            return part;
        }
        if (partial == null) {
            partial = new StringBuilder(part.length() * 2);
        }
        partial.append(part);
        if (!last) {
            partialBytes = size;
            return null;
        }
        String whole = partial.toString();
        partial = null;
        partialBytes = 0;
        return whole;
    }

    /**
     * Counts a binary part towards the frame limit without keeping it; binary frames are not part of the
     * protocol and are dropped once complete.
     *
     * @throws FrameTooLargeException when the message so far exceeds {@code limitBytes}
     */
    void skipBinary(int partBytes, boolean last, long limitBytes) {
        touch();
        long size = partialBytes + partBytes;
        if (size > limitBytes) {
            partialBytes = 0;
            throw new FrameTooLargeException(size);
        }
        partialBytes = last ? 0 : size;
    }

    /** Queues a text frame; closes the connection with 4008 when its queue would overflow. Never blocks. */
    void send(String frame) {
        if (closing.get() || closeWhenFlushed) {
            return;
        }
        if (queuedChars.addAndGet(frame.length()) > sendBufferLimit) {
            queuedChars.addAndGet(-frame.length());
            log.info("Closing connection {} of user {}: more than {} characters queued for it", id, userId, sendBufferLimit);
            close(SLOW_CONSUMER);
            return;
        }
        outgoing.add(frame);
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

    /** Whether the close frame has been handed to the container (or the connection failed). */
    boolean isCloseStarted() {
        return closeStarted.get();
    }

    private void startClose() {
        if (!closeStarted.compareAndSet(false, true)) {
            return;
        }
        CloseStatus status = closeStatus;
        Runnable close = () -> {
            try {
                session.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("Closing connection {} with {} failed: {}", id, status, e.toString());
            }
        };
        try {
            closer.execute(close);
        } catch (RejectedExecutionException e) {
            close.run(); // shutting down: the close threads are gone
        }
    }

    /** Marks the connection closed by the peer or container so nothing more is queued. */
    void closed() {
        closing.set(true);
        outgoing.clear();
    }

    private void startWriting() {
        if (remote != null && writing.compareAndSet(false, true)) {
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
            String frame = outgoing.poll();
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
            if (frame == PING) {
                if (!sendPing()) {
                    return;
                }
                continue;
            }
            handOver.set(false);
            try {
                remote.sendText(frame, result -> written(frame, result));
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

    private void written(String frame, SendResult result) {
        queuedChars.addAndGet(-frame.length());
        if (!result.isOK()) {
            failed(result.getException());
            return;
        }
        if (!handOver.compareAndSet(false, true)) {
            writeNext();
        }
    }

    private boolean sendPing() {
        try {
            remote.sendPing(PING_PAYLOAD.duplicate());
            return true;
        } catch (IOException | RuntimeException e) {
            failed(e);
            return false;
        }
    }

    private void failed(Throwable failure) {
        log.debug("Writing to connection {} failed: {}", id, String.valueOf(failure));
        closing.set(true);
        outgoing.clear();
        startClose();
    }

    /** UTF-8 length without encoding, to enforce the frame limit on reassembled parts. */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800 || Character.isSurrogate(c)) {
                bytes += 2; // a surrogate pair is 4 bytes, 2 per half
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "LiveConnection[" + id + ", user " + userId + ", room " + roomId + "]";
    }
}
