package dev.rooms.sdk;

import java.util.concurrent.TimeoutException;

/**
 * A chat message was written to an open connection, but its broadcast never came back: the connection dropped
 * first, or no broadcast arrived within the client's send timeout ({@link #timedOut()}).
 *
 * <p>Unlike a plain {@link TransportException} from {@link RoomConnection#send(String)} — the connection was not
 * open, nothing was sent and sending again is safe — the server may well have stored this message. Do not simply
 * send it again: the connection's catch-up after a reconnect delivers it to {@link RoomListener#onMessage} if it
 * was stored, or check the history with {@link Rooms#messages(long, MessageQuery)} ({@code after} the last id seen).
 *
 * <p>Immutable and safe to share between threads.
 */
public class UnconfirmedSendException extends TransportException {

    private static final long serialVersionUID = 1L;

    /** Whether the send timeout ran out (rather than the connection dropping). */
    private final boolean timedOut;

    /**
     * Creates the exception.
     *
     * @param message  what happened, for a person
     * @param timedOut {@code true} when the send timeout ran out (the cause is then a {@link TimeoutException}),
     *                 {@code false} when the connection dropped first
     */
    public UnconfirmedSendException(String message, boolean timedOut) {
        super(message, timedOut ? new TimeoutException(message) : null);
        this.timedOut = timedOut;
    }

    /**
     * Tells whether the send timeout ran out while the connection stayed open, as opposed to the connection
     * dropping before the broadcast came back.
     *
     * @return {@code true} for a timeout
     */
    public boolean timedOut() {
        return timedOut;
    }
}
