package dev.rooms.server.system;

/** Answered as 404 {@code {"detail": "Not found."}}; subclasses name what was not found. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
