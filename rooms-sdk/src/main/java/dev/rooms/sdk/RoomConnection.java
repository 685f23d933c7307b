package dev.rooms.sdk;

import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A live connection to one room, made by {@link RoomsClient#connect(long, RoomListener)}: chat messages and
 * WebRTC signals in both directions, events pushed to a {@link RoomListener}.
 *
 * <p><b>Lifecycle.</b> {@link ConnectionState#CONNECTING}, then {@link ConnectionState#OPEN}; after a drop
 * {@link ConnectionState#RECONNECTING} and back to {@code OPEN}; finally {@link ConnectionState#CLOSED}, which is
 * never left. The connection repairs itself: after a drop (also one detected by a missing pong) or a failed
 * attempt — the first one included, e.g. while the server is not up yet — it tries again with the client's
 * {@link ReconnectPolicy}, reporting each failure to {@link RoomListener#onError}; it refreshes the access token
 * when the server closed with {@link CloseCodes#TOKEN_EXPIRED}, and delivers the messages it missed before live
 * ones. It gives up — and reports {@link RoomListener#onClosed} — only when the server refused the handshake with
 * 401 (after one token refresh) or 404, closed with {@link CloseCodes#ACCOUNT_DELETED} or
 * {@link CloseCodes#ROOM_DELETED}, the policy's {@link ReconnectPolicy#maxAttempts()} ran out, or it was closed.
 *
 * <p><b>Threads.</b> Each connection has a control thread ({@code rooms-room-<id>}), a callback thread
 * ({@code rooms-room-<id>-callbacks}, unless the client has a callback executor) and, while a socket is open,
 * Java-WebSocket's read and write threads. None is a daemon, so an unfinished connection keeps the JVM alive; all
 * end after {@link #close()} (the control thread at most about two seconds later, when the server does not
 * answer the close handshake).
 *
 * <p>Thread-safe: every method may be called from any thread, listener callbacks included.
 */
public interface RoomConnection extends AutoCloseable {

    /**
     * Returns the id of the room this connection is for.
     *
     * @return the room id
     */
    long roomId();

    /**
     * Returns the current state.
     *
     * @return the state at the time of the call
     */
    ConnectionState state();

    /**
     * Waits until the connection is {@link ConnectionState#OPEN} — after the handshake and the catch-up of missed
     * messages — or closed for good.
     *
     * @param timeout the longest wait
     * @return {@code true} if the connection is open, {@code false} if it closed or the time ran out
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitOpen(Duration timeout) throws InterruptedException;

    /**
     * Sends a chat message. The returned future completes with the stored {@link Message} when the server's
     * broadcast of it comes back (matched by a nonce the SDK adds), on a thread of the common pool — so it is safe
     * to wait for it inside a listener callback. Does not block.
     *
     * <p>What the server accepts is the server's to decide: the SDK checks nothing about the content itself (the
     * Rooms server takes a non-blank string of up to 16,000 characters by default; its operator may change that).
     *
     * <p>The future fails with
     * <ul>
     *   <li>a {@link ValidationException} as soon as the server refuses the message (it answers the SDK's nonce with
     *       an error frame, so this never waits for the send timeout): nothing was stored, and sending the same text
     *       again is refused again. {@link ValidationException#code()} is the server's reason for programs —
     *       {@code content_blank}, {@code content_too_long}, {@code content_not_string}, {@code content_missing}
     *       — and {@link ValidationException#detail()} (also the exception's message) the reason for people, e.g.
     *       {@code Ensure this field has no more than 16000 characters.};</li>
     *   <li>a {@link RateLimitedException} (code {@code throttled}) as soon as the server refuses the message
     *       because this connection or user sent too many: nothing was stored;
     *       {@link RateLimitedException#retryAfter()} says how long to wait before sending again (the SDK does not
     *       resend by itself). A connection that goes on sending is closed by the server with
     *       {@link CloseCodes#POLICY_VIOLATION 1008};</li>
     *   <li>a plain {@link TransportException} when the connection is not {@link ConnectionState#OPEN}: nothing
     *       was sent, sending again later is safe;</li>
     *   <li>an {@link UnconfirmedSendException} when the message was written but the connection dropped or was
     *       closed before its broadcast came back, or no broadcast came within the client's send timeout
     *       ({@link UnconfirmedSendException#timedOut()}): the message may or may not have been stored; if it was,
     *       the listener receives it (after a reconnect, from the catch-up). A frame larger than the server's frame
     *       limit (64 KiB by default, far more than the content limit) is answered by closing the connection
     *       ({@link CloseCodes#MESSAGE_TOO_BIG}), so it fails this way, and the connection reconnects.</li>
     * </ul>
     *
     * @param content the text
     * @return a future of the stored message
     * @throws NullPointerException if the content is {@code null}
     */
    CompletableFuture<Message> send(String content);

    /**
     * Sends a WebRTC offer to the room's other connections.
     *
     * @param offer the session description
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> offer(SessionDescription offer);

    /**
     * Sends a WebRTC offer to one user's connections.
     *
     * @param offer        the session description
     * @param targetUserId the user to address
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> offer(SessionDescription offer, long targetUserId);

    /**
     * Sends a WebRTC answer to the room's other connections.
     *
     * @param answer the session description
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> answer(SessionDescription answer);

    /**
     * Sends a WebRTC answer to one user's connections.
     *
     * @param answer       the session description
     * @param targetUserId the user to address
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> answer(SessionDescription answer, long targetUserId);

    /**
     * Sends an ICE candidate to the room's other connections.
     *
     * @param candidate the candidate
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> iceCandidate(Candidate candidate);

    /**
     * Sends an ICE candidate to one user's connections.
     *
     * @param candidate    the candidate
     * @param targetUserId the user to address
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> iceCandidate(Candidate candidate, long targetUserId);

    /**
     * Tells the room's other connections that the call ended.
     *
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> hangup();

    /**
     * Tells one user's connections that the call ended.
     *
     * @param targetUserId the user to address
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> hangup(long targetUserId);

    /**
     * Sends any signal as it is — payload, {@link Signal#target()} and {@link Signal#extras()} included — for
     * example to pass a received signal on without losing fields this SDK does not model.
     * {@link Signal#senderId()} is not sent: the server sets it.
     *
     * @param signal the signal
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> signal(Signal signal);

    /**
     * Tells the room's other users that this user is typing; they hear it if they asked for
     * {@link LiveEvent#TYPING}. The server relays at most about one per user every three seconds and drops the
     * rest, so calling it on every key press is fine. A Rooms extension: a server without it ignores the frame.
     *
     * @return a future completed once the frame was handed to the socket, or failed with
     *         {@link TransportException} if the connection is not open (nothing was sent)
     */
    CompletableFuture<Void> typing();

    /**
     * Closes the connection with {@link CloseCodes#NORMAL} and stops reconnecting. Returns at once; the listener
     * then gets {@link RoomListener#onStateChanged} with {@link ConnectionState#CLOSED} and
     * {@link RoomListener#onClosed} as its last calls. Pending sends fail with {@link UnconfirmedSendException}. The
     * connection's threads end once the server answered the close frame, or about two seconds later when it does
     * not. Calling it again does nothing.
     */
    @Override
    void close();
}
