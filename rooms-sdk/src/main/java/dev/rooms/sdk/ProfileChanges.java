package dev.rooms.sdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Auth#updateProfile(ProfileChanges)} changes in the logged-in user's profile: the name, the email address or both; what is not
 * set stays as it is. Immutable; made by {@link #builder()}:
 * {@code ProfileChanges.builder().name("Ada Lovelace").build()}.
 */
public final class ProfileChanges {

    private final String name;
    private final String email;

    private ProfileChanges(Builder builder) {
        this.name = builder.name;
        this.email = builder.email;
    }

    /**
     * Starts a change.
     *
     * @return a new builder; set at least one field
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the new name.
     *
     * @return the new name, or empty to keep the current one
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /**
     * Returns the new email address.
     *
     * @return the new email address, or empty to keep the current one
     */
    public Optional<String> email() {
        return Optional.ofNullable(email);
    }

    /** The {@code PATCH} body: only the fields that change. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        name().ifPresent(value -> body.put("name", value));
        email().ifPresent(value -> body.put("email", value));
        return body;
    }

    @Override
    public String toString() {
        return "ProfileChanges" + body();
    }

    /** Builds a {@link ProfileChanges}. Not thread-safe. */
    public static final class Builder {

        private String name;
        private String email;

        private Builder() {
        }

        /**
         * Changes the display name.
         *
         * @param name the new display name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /**
         * Changes the email address (the login name).
         *
         * @param email the new address; the server refuses one that another account uses
         * @return this builder
         */
        public Builder email(String email) {
            this.email = Objects.requireNonNull(email, "email == null");
            return this;
        }

        /**
         * Builds the change.
         *
         * @return the change
         * @throws IllegalArgumentException if nothing was set
         */
        public ProfileChanges build() {
            if (name == null && email == null) {
                throw new IllegalArgumentException("nothing to change: set a name or an email address");
            }
            return new ProfileChanges(this);
        }
    }
}
