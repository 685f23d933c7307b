package dev.rooms.server.live;

/**
 * The chat socket's path, {@code /ws/chat/{room_id}/} (the final slash optional), read without a regular
 * expression: every handshake is matched twice (by {@link ChatUpgradeFilter} and {@link HandshakeAuthentication}).
 */
final class ChatPath {

    private static final String PREFIX = "/ws/chat/";
    /** Longer ids cannot be a {@code long} and are no room's: such a path is "not found". */
    private static final int MAX_DIGITS = 18;

    private ChatPath() {
    }

    /** The room id of a path inside the servlet context (undecoded, as sent), or -1 if it is not a chat path. */
    static long roomId(String path) {
        if (!path.startsWith(PREFIX)) {
            return -1;
        }
        int end = path.endsWith("/") ? path.length() - 1 : path.length();
        int digits = end - PREFIX.length();
        if (digits < 1 || digits > MAX_DIGITS) {
            return -1;
        }
        long id = 0;
        for (int i = PREFIX.length(); i < end; i++) {
            char c = path.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }
}
