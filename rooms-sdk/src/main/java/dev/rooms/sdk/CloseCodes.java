package dev.rooms.sdk;

/**
 * The close codes a {@link RoomListener#onClosed} may report: the WebSocket codes the Rooms server sends, plus
 * two the SDK uses for a handshake the server refused (these never travel on the wire). Constants only.
 */
public final class CloseCodes {

    /** Closed normally, e.g. by {@link RoomConnection#close()}. */
    public static final int NORMAL = 1000;
    /** The server is shutting down (the SDK reconnects). */
    public static final int GOING_AWAY = 1001;
    /** The connection broke without a close frame, e.g. no pong in time (the SDK reconnects). */
    public static final int ABNORMAL = 1006;
    /** The connection went on sending chat messages past the server's rate limit (the SDK reconnects with back-off). */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame was larger than the server accepts (64 KiB). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The server's message broker failed (the SDK reconnects). */
    public static final int INTERNAL_ERROR = 1011;
    /** The room's inbound queue stayed full for 10 s (the SDK reconnects with back-off). */
    public static final int TRY_AGAIN_LATER = 1013;
    /** The access token expired during the connection (the SDK refreshes it and reconnects). */
    public static final int TOKEN_EXPIRED = 4001;
    /** The account was deleted (no reconnect). */
    public static final int ACCOUNT_DELETED = 4003;
    /** The room was deleted (no reconnect). */
    public static final int ROOM_DELETED = 4004;
    /** The client read too slowly and the server dropped it (the SDK reconnects and catches up). */
    public static final int SLOW_CONSUMER = 4008;
    /** SDK only: the handshake was refused with HTTP 401 even after a token refresh (no reconnect). */
    public static final int HANDSHAKE_UNAUTHORIZED = 4401;
    /** SDK only: the handshake was refused with HTTP 404, the room does not exist (no reconnect). */
    public static final int HANDSHAKE_NOT_FOUND = 4404;

    private CloseCodes() {
    }
}
