package dev.rooms.sdk;

import java.util.List;
import java.util.Map;

/**
 * Authentication failed (HTTP 401): wrong credentials, no or an invalid token, or a token refresh that failed.
 * Log in again. A 401 caused by an expired access token never surfaces: the client refreshes the token and repeats
 * the call once by itself.
 *
 * <p>Immutable and safe to share between threads.
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
