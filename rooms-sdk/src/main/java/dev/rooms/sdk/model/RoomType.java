package dev.rooms.sdk.model;

import java.util.Locale;

/** What a room is for; sent on the wire as {@code "chat"} or {@code "video"}. An enum: immutable, thread-safe. */
public enum RoomType {
    /** A text chat room. */
    CHAT,
    /** A room for WebRTC video calls (with chat alongside). */
    VIDEO;

    /**
     * Returns the value used on the wire.
     *
     * @return {@code "chat"} or {@code "video"}
     */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the wire value.
     *
     * @param value {@code "chat"} or {@code "video"} (case-insensitive)
     * @return the matching type
     * @throws IllegalArgumentException if the value names no room type
     */
    public static RoomType fromWireValue(String value) {
        for (RoomType type : values()) {
            if (type.wireValue().equalsIgnoreCase(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("\"" + value + "\" is not a room type (chat, video)");
    }
}
