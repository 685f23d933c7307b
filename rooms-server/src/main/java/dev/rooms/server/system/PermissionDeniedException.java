package dev.rooms.server.system;

/** Answered as 403 with the exception's message as {@code detail}. */
public class PermissionDeniedException extends RuntimeException {

    public PermissionDeniedException(String detail) {
        super(detail);
    }
}
