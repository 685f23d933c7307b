package dev.rooms.sdk.model;

import java.util.Objects;

/**
 * One result of a message search: the message, as the room's history has it, and the room it was posted in.
 *
 * <p>On the wire it is the history's message object with one more field, {@code "room": {"id", "name"}}.
 * Immutable and thread-safe.
 *
 * @param message the message (its {@code nonce} is always {@code null})
 * @param room    the room it was posted in
 */
public record FoundMessage(Message message, RoomSummary room) {

    /**
     * Checks that both parts are present.
     *
     * @param message the message
     * @param room    the room it was posted in
     */
    public FoundMessage {
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(room, "room == null");
    }
}
