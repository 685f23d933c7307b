package dev.rooms.server.auth;

/**
 * A token was rejected. {@link #getMessage()} is the detail to show the client, {@link #code()} the
 * machine-readable reason the original answered with ({@code token_not_valid}, {@code user_not_found}, ...).
 */
public class InvalidTokenException extends RuntimeException {

    private final String code;
    private final String reason;

    InvalidTokenException(String detail, String code, String reason) {
        super(detail);
        this.code = code;
        this.reason = reason;
    }

    public String code() {
        return code;
    }

    /** Why the token itself failed ({@code Token is invalid or expired}, {@code Token has wrong type}), or null. */
    String reason() {
        return reason;
    }
}
