package dev.rooms.sdk.model;

import java.util.Objects;

/**
 * The short form of a user embedded in rooms (their creator) and messages (their author).
 *
 * <p>Immutable and thread-safe.
 *
 * @param id    the server's user id
 * @param email the user's email address
 * @param name  the display name
 */
public record UserSummary(long id, String email, String name) {

    /**
     * Checks that the text fields are present.
     *
     * @param id the server's user id
     * @param email the user's email address
     * @param name the display name
     */
    public UserSummary {
        Objects.requireNonNull(email, "email == null");
        Objects.requireNonNull(name, "name == null");
    }
}
