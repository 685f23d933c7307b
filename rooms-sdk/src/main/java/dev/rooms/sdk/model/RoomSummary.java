package dev.rooms.sdk.model;

import java.util.Objects;

/**
 * The short form of a room embedded in search results: which room a {@link FoundMessage} was posted in.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id   the server's room id
 * @param name the room's name
 */
public record RoomSummary(long id, String name) {

    /**
     * Checks that the name is present.
     *
     * @param id   the server's room id
     * @param name the room's name
     */
    public RoomSummary {
        Objects.requireNonNull(name, "name == null");
    }
}
