package dev.rooms.server.message;

/** A queued message was not stored: its batch failed for a reason of its own (see the cause). */
public class MessageNotStoredException extends RuntimeException {

    public MessageNotStoredException(Throwable cause) {
        super("The message was not stored", cause);
    }
}
