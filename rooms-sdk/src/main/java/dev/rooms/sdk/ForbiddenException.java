package dev.rooms.sdk;

import java.util.List;
import java.util.Map;

/**
 * The user may not do this (HTTP 403), e.g. change a room someone else created.
 *
 * <p>Immutable and safe to share between threads.
 */
public class ForbiddenException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param detail      the body's {@code detail}, or {@code null}
     * @param code        the body's {@code code}, or {@code null}
     * @param fieldErrors the body's field-keyed messages, or {@code null}
     */
    public ForbiddenException(String detail, String code, Map<String, List<String>> fieldErrors) {
        super(403, detail, code, fieldErrors);
    }
}
