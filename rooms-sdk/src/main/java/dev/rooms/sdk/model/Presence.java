package dev.rooms.sdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A user connected to a room now, from {@code rooms().presence(roomId)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param user        the user
 * @param connections how many live connections (tabs, devices) they have open to the room, on every server
 * @param since       when the earliest of them opened
 */
public record Presence(UserSummary user, int connections, Instant since) {

    /**
     * Checks that the user and the time are present.
     *
     * @param user        the user
     * @param connections how many live connections they have open to the room
     * @param since       when the earliest of them opened
     */
    public Presence {
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(since, "since == null");
    }
}
