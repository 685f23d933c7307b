package dev.rooms.server.message;

import java.util.Objects;

/**
 * What became of one message of a batch handed to {@link ChatStore}: saved, or not (with the reason).
 *
 * @param posted  the saved message, or {@code null} when it was not saved
 * @param failure why it was not saved (the room or the user is gone, its idempotency key was taken), or {@code null}
 */
public record PostOutcome(PostedMessage posted, RuntimeException failure) {

    static PostOutcome saved(PostedMessage posted) {
        return new PostOutcome(Objects.requireNonNull(posted, "posted == null"), null);
    }

    static PostOutcome notSaved(RuntimeException failure) {
        return new PostOutcome(null, Objects.requireNonNull(failure, "failure == null"));
    }
}
