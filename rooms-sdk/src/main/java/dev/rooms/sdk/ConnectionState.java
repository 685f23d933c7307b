package dev.rooms.sdk;

/**
 * Where a {@link RoomConnection} is in its life: {@code CONNECTING}, then {@code OPEN}, {@code RECONNECTING} and
 * {@code OPEN} again after each drop, finally {@code CLOSED}. An enum, so immutable and thread-safe.
 */
public enum ConnectionState {
    /** The first connection attempt is under way (after it failed: {@link #RECONNECTING}). */
    CONNECTING,
    /** Connected: live messages and signals flow, sends are accepted. */
    OPEN,
    /** The connection dropped; the SDK is waiting to try again or is trying. Sends fail fast meanwhile. */
    RECONNECTING,
    /** Finished for good, by {@link RoomConnection#close()} or a failure that reconnecting cannot fix. */
    CLOSED
}
