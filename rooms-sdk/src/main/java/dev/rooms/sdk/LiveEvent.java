package dev.rooms.sdk;

/**
 * Extra live events a {@link RoomConnection} can opt into with {@link ConnectOptions.Builder#events}. They are a
 * Rooms extension of the API: a connection that asks for none receives only chat and signals, exactly as the API
 * specification describes.
 */
public enum LiveEvent {

    /** Users arriving and leaving ({@link RoomListener#onPresence}). */
    PRESENCE("presence"),
    /** Other users typing ({@link RoomListener#onTyping}). */
    TYPING("typing"),
    /** Messages edited or deleted ({@link RoomListener#onMessageUpdated}, {@link RoomListener#onMessageDeleted}). */
    EDITS("edits");

    private final String wireName;

    LiveEvent(String wireName) {
        this.wireName = wireName;
    }

    /**
     * Returns the name in the socket's {@code ?events=} parameter.
     *
     * @return e.g. {@code presence}
     */
    public String wireName() {
        return wireName;
    }
}
