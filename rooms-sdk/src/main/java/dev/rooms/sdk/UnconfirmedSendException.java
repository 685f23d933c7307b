package dev.rooms.sdk;

/**
 * A chat message went out on an open connection, but the server's broadcast of it did not come back: within the
 * client's send timeout, or before the connection dropped. Unlike other {@link TransportException}s the server
 * was reachable; whether the message was stored is unknown (a reconnect's catch-up delivers it to the listener if
 * it was).
 */
public class UnconfirmedSendException extends TransportException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, for a person
     */
    public UnconfirmedSendException(String message) {
        super(message, null);
    }
}
