package dev.rooms.sdk;

/**
 * The root of every exception the SDK throws or reports: {@link ApiException} when the server answered with an
 * error, {@link TransportException} when it could not be reached or the exchange broke off.
 *
 * <p>Unchecked, immutable, and safe to share between threads.
 */
public abstract class RoomsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message a message a person can read
     * @param cause   the underlying failure, or {@code null}
     */
    protected RoomsException(String message, Throwable cause) {
        super(message, cause);
    }
}
