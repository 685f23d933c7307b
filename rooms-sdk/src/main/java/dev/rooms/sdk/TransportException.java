package dev.rooms.sdk;

/**
 * The server could not be reached, the exchange broke off, its answer could not be read, or a live operation
 * did not get its confirmation in time.
 *
 * <p>The message says which: {@code Cannot reach <url>: ...} when no connection could be made (nothing was sent),
 * {@code No answer to <method> <url> in time ...} or {@code Connection failed during ...} when the server stopped
 * answering mid-request (a non-idempotent request such as a POST may or may not have taken effect). The cause is
 * the underlying {@link java.io.IOException} (e.g. {@link java.net.ConnectException},
 * {@link java.net.SocketTimeoutException}), if any. A chat send that was written but not confirmed fails with the
 * subclass {@link UnconfirmedSendException}.
 *
 * <p>Immutable and safe to share between threads.
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
