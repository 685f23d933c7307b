package dev.rooms.server.system;

import org.springframework.http.HttpStatus;

/**
 * Answered with its status and {@code {"detail": <message>}}, for the few answers that have no exception of their
 * own (a reused idempotency key, a room queue that stays full).
 */
public class StatusException extends RuntimeException {

    private final HttpStatus status;

    public StatusException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
