package dev.rooms.sdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A room as the server describes it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id          the server's room id
 * @param name        the room's name (at most 100 characters)
 * @param description the description, empty when none was given
 * @param creator     who created the room; only they may update or delete it
 * @param roomType    chat or video
 * @param createdAt   when the room was created
 * @param isActive    {@code false} once the room is (soft-)deleted
 */
public record Room(long id, String name, String description, UserSummary creator, RoomType roomType,
                   Instant createdAt, boolean isActive) {

    /**
     * Checks the required fields and turns a missing description into an empty one.
     *
     * @param id the server's room id
     * @param name the room's name (at most 100 characters)
     * @param description the description, empty when none was given
     * @param creator who created the room; only they may update or delete it
     * @param roomType chat or video
     * @param createdAt when the room was created
     * @param isActive {@code false} once the room is (soft-)deleted
     */
    public Room {
        Objects.requireNonNull(name, "name == null");
        description = description == null ? "" : description;
    }
}
