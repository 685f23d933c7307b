package dev.rooms.sdk;

/** Where a {@link RoomConnection} is in its life. */
public enum ConnectionState {
    /** The first connection attempt is under way. */
    CONNECTING,
    /** Connected: live messages and signals flow, sends are accepted. */
    OPEN,
    /** The connection dropped; the SDK is waiting to try again or is trying. Sends fail fast meanwhile. */
    RECONNECTING,
    /** Finished for good, by {@link RoomConnection#close()} or a failure that reconnecting cannot fix. */
    CLOSED
}
