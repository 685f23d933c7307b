package dev.rooms.sdk;

import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.SessionDescription;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A live connection to one room, made by {@link RoomsClient#connect(long, RoomListener)}: chat messages and
 * WebRTC signals in both directions, events pushed to a {@link RoomListener}.
 *
 * <p>The connection repairs itself: after a drop (also one detected by a missing pong) it reconnects with the
 * client's {@link ReconnectPolicy}, refreshing the access token when the server closed with
 * {@link CloseCodes#TOKEN_EXPIRED}, and delivers the messages it missed before live ones. It gives up — and
 * reports {@link RoomListener#onClosed} — only when the server refused the handshake with 401 (after one token
 * refresh) or 404, closed with {@link CloseCodes#ACCOUNT_DELETED} or {@link CloseCodes#ROOM_DELETED}, or the
 * policy's attempts ran out.
 *
 * <p>Thread-safe: every method may be called from any thread, listener callbacks included. An open connection
 * keeps the JVM alive (its threads are not daemons) until it is closed.
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
     * to wait for it inside a listener callback.
     *
     * <p>The future fails with a {@link TransportException} when the connection is not {@link ConnectionState#OPEN}
     * (nothing was sent), and with its subclass {@link UnconfirmedSendException} when the connection drops before
     * the broadcast came back or no broadcast came within the client's send timeout (the message may or may not
     * have been stored; a reconnect's catch-up delivers it to the listener if it was).
     *
     * @param content the text: not blank, at most 5,000 characters (Unicode code points, as the server counts)
     * @return a future of the stored message
     * @throws IllegalArgumentException if the content is blank or too long
     */
    CompletableFuture<Message> send(String content);

    /**
     * Sends a WebRTC offer to the room's other connections.
     *
     * @param offer the session description
     * @return {@code true} if the frame was handed to the socket, {@code false} if the connection is not open
     */
    boolean offer(SessionDescription offer);

    /**
     * Sends a WebRTC offer to one user's connections.
     *
     * @param offer        the session description
     * @param targetUserId the user to address
     * @return {@code true} if the frame was handed to the socket, {@code false} if the connection is not open
     */
    boolean offer(SessionDescription offer, long targetUserId);

    /**
     * Sends a WebRTC answer to the room's other connections.
     *
     * @param answer the session description
     * @return {@code true} if the frame was handed to the socket, {@code false} if the connection is not open
     */
    boolean answer(SessionDescription answer);

    /**
     * Sends a WebRTC answer to one user's connections.
     *
     * @param answer       the session description
     * @param targetUserId the user to address
     * @return {@code true} if the frame was handed to the socket, {@code false} if the connection is not open
     */
    boolean answer(SessionDescription answer, long targetUserId);

    /**
     * Sends an ICE candidate to the room's other connections.
     *
     * @param candidate the candidate
     * @return {@code true} if the frame was handed to the socket, {@code false} if the connection is not open
     */
    boolean iceCandidate(Candidate candidate);

    /**
     * Sends an ICE candidate to one user's connections.
     *
     * @param candidate    the candidate
     * @param targetUserId the user to address
     * @return {@code true} if the frame was handed to the socket, {@code false} if the connection is not open
     */
    boolean iceCandidate(Candidate candidate, long targetUserId);

    /**
     * Tells the room's other connections that the call ended.
     *
     * @return {@code true} if the frame was handed to the socket, {@code false} if the connection is not open
     */
    boolean hangup();

    /**
     * Tells one user's connections that the call ended.
     *
     * @param targetUserId the user to address
     * @return {@code true} if the frame was handed to the socket, {@code false} if the connection is not open
     */
    boolean hangup(long targetUserId);

    /**
     * Closes the connection with {@link CloseCodes#NORMAL} and stops reconnecting. Returns at once; the listener
     * then gets {@link RoomListener#onStateChanged} with {@link ConnectionState#CLOSED} and
     * {@link RoomListener#onClosed} as its last calls. Pending sends fail. Calling it again does nothing.
     */
    @Override
    void close();
}
