package dev.rooms.sdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A user arrived in a room (their first live connection opened) or left it (their last one closed); several tabs
 * of one user are one presence.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what happened
 * @param user the user
 * @param at   when, by the server's clock
 */
public record PresenceEvent(Kind kind, UserSummary user, Instant at) {

    /** Whether the user arrived or left. */
    public enum Kind {
        /** The user's first connection to the room opened. */
        JOIN,
        /** The user's last connection to the room closed. */
        LEAVE
    }

    /**
     * Checks that every field is present.
     *
     * @param kind what happened
     * @param user the user
     * @param at   when
     */
    public PresenceEvent {
        Objects.requireNonNull(kind, "kind == null");
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(at, "at == null");
    }
}
