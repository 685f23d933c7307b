package dev.rooms.sdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Rooms#update(long, RoomChanges)} changes in a room: its name, its description or both; what is not
 * set stays as it is. Immutable; made by {@link #builder()}:
 * {@code RoomChanges.builder().description("Weekly sync").build()}.
 */
public final class RoomChanges {

    private final String name;
    private final String description;

    private RoomChanges(Builder builder) {
        this.name = builder.name;
        this.description = builder.description;
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
     * Returns the new description.
     *
     * @return the new description, or empty to keep the current one
     */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The {@code PATCH} body: only the fields that change. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        name().ifPresent(value -> body.put("name", value));
        description().ifPresent(value -> body.put("description", value));
        return body;
    }

    @Override
    public String toString() {
        return "RoomChanges" + body();
    }

    /** Builds a {@link RoomChanges}. Not thread-safe. */
    public static final class Builder {

        private String name;
        private String description;

        private Builder() {
        }

        /**
         * Renames the room.
         *
         * @param name the new name, at most 100 characters (the server checks)
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /**
         * Replaces the room's description.
         *
         * @param description the new description; {@code ""} empties it
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description == null");
            return this;
        }

        /**
         * Builds the change.
         *
         * @return the change
         * @throws IllegalArgumentException if nothing was set
         */
        public RoomChanges build() {
            if (name == null && description == null) {
                throw new IllegalArgumentException("nothing to change: set a name or a description");
            }
            return new RoomChanges(this);
        }
    }
}
