package dev.rooms.server.ratelimit;

/**
 * Whether a chat frame may go on.
 *
 * @param outcome           admitted, throttled (answer with an error frame), or flooding (close the connection)
 * @param retryAfterSeconds when not admitted, whole seconds until a frame would be admitted again
 */
public record ChatAdmission(Outcome outcome, long retryAfterSeconds) {

    public enum Outcome { ADMITTED, THROTTLED, FLOODING }

    static final ChatAdmission ADMITTED = new ChatAdmission(Outcome.ADMITTED, 0);
}
