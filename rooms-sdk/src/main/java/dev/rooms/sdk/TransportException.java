package dev.rooms.sdk;

/**
 * The server could not be reached, the exchange broke off, its answer could not be read, or a live operation
 * did not get its confirmation in time.
 *
 * <p>Whether a non-idempotent request (such as a chat send) took effect is unknown when this is thrown.
 */
public class TransportException extends RoomsException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a transport exception.
     *
     * @param message what failed, for a person
     * @param cause   the underlying I/O failure, or {@code null}
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
