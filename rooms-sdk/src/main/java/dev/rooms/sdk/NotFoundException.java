package dev.rooms.sdk;

import java.util.List;
import java.util.Map;

/**
 * The thing addressed does not exist or is deleted (HTTP 404).
 *
 * <p>Immutable and safe to share between threads.
 */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param detail      the body's {@code detail}, or {@code null}
     * @param code        the body's {@code code}, or {@code null}
     * @param fieldErrors the body's field-keyed messages, or {@code null}
     */
    public NotFoundException(String detail, String code, Map<String, List<String>> fieldErrors) {
        super(404, detail, code, fieldErrors);
    }
}
