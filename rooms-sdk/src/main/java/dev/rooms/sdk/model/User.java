package dev.rooms.sdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered account, as returned by registration and the profile endpoints.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id         the server's user id
 * @param email      the account's email address
 * @param name       the display name
 * @param dateJoined when the account was created
 */
public record User(long id, String email, String name, Instant dateJoined) {

    /**
     * Checks that the text fields are present.
     *
     * @param id the server's user id
     * @param email the account's email address
     * @param name the display name
     * @param dateJoined when the account was created
     */
    public User {
        Objects.requireNonNull(email, "email == null");
        Objects.requireNonNull(name, "name == null");
    }
}
