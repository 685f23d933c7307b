package dev.rooms.sdk;

import java.util.List;
import java.util.Map;

/**
 * The request was invalid (HTTP 400); {@link #fieldErrors()} says which fields and why, or {@link #detail()}
 * explains (e.g. malformed JSON).
 *
 * <p>It also fails the future of {@link RoomConnection#send(String)} when the server refused the chat message
 * (blank, too long): then {@link #status()} is 400, {@link #code()} is the server's reason (such as
 * {@code content_too_long}), {@link #detail()} and the message say it for people, and there are no field errors.
 *
 * <p>Immutable and safe to share between threads.
 */
public class ValidationException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param detail      the body's {@code detail}, or {@code null}
     * @param code        the body's {@code code}, or {@code null}
     * @param fieldErrors the body's field-keyed messages, or {@code null}
     */
    public ValidationException(String detail, String code, Map<String, List<String>> fieldErrors) {
        super(400, detail, code, fieldErrors);
    }
}
