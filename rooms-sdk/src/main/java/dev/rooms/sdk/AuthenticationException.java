package dev.rooms.sdk;

import java.util.List;
import java.util.Map;

/**
 * Authentication failed (HTTP 401): wrong credentials, no or an invalid token, or a token refresh that failed.
 * Log in again.
 */
public class AuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param detail      the body's {@code detail}, or {@code null}
     * @param code        the body's {@code code}, or {@code null}
     * @param fieldErrors the body's field-keyed messages, or {@code null}
     */
    public AuthenticationException(String detail, String code, Map<String, List<String>> fieldErrors) {
        super(401, detail, code, fieldErrors);
    }
}
