package dev.rooms.server.live;

/**
 * One event travelling through the {@link Broker}: the frame is serialised once by the publisher and sent
 * unchanged to every receiving connection.
 *
 * @param kind       what happened
 * @param roomId     the room (0 for {@link Kind#USER_DELETED})
 * @param userId     the deleted user ({@link Kind#USER_DELETED}), the typing user ({@link Kind#TYPING}), else 0
 * @param origin     the sending connection's id ({@link Kind#SIGNAL} only), which does not receive it
 * @param target     the only user to receive a signal, or {@code null} for every other connection
 * @param messageId  the chat message's id ({@link Kind#CHAT} only)
 * @param previousId the id of the room's message before this one, or 0 when unknown ({@link Kind#CHAT} only)
 * @param frame      the JSON text to send to clients (a chat frame carries its sender's nonce, if any)
 */
record Envelope(Kind kind, long roomId, long userId, String origin, Long target, long messageId, long previousId,
                String frame) {

    /**
     * What happened. {@code PRESENCE}, {@code TYPING} and {@code MESSAGE_CHANGED} go only to connections that opted
     * into them ({@link LiveEvent}).
     */
    enum Kind { CHAT, SIGNAL, ROOM_DELETED, USER_DELETED, PRESENCE, TYPING, MESSAGE_CHANGED }

    static Envelope chat(long roomId, long messageId, long previousId, String frame) {
        return new Envelope(Kind.CHAT, roomId, 0, null, null, messageId, previousId, frame);
    }

    static Envelope signal(long roomId, String origin, Long target, String frame) {
        return new Envelope(Kind.SIGNAL, roomId, 0, origin, target, 0, 0, frame);
    }

    static Envelope presence(long roomId, String frame) {
        return new Envelope(Kind.PRESENCE, roomId, 0, null, null, 0, 0, frame);
    }

    static Envelope typing(long roomId, long userId, String frame) {
        return new Envelope(Kind.TYPING, roomId, userId, null, null, 0, 0, frame);
    }

    static Envelope messageChanged(long roomId, String frame) {
        return new Envelope(Kind.MESSAGE_CHANGED, roomId, 0, null, null, 0, 0, frame);
    }

    static Envelope roomDeleted(long roomId) {
        return new Envelope(Kind.ROOM_DELETED, roomId, 0, null, null, 0, 0, null);
    }

    static Envelope userDeleted(long userId) {
        return new Envelope(Kind.USER_DELETED, 0, userId, null, null, 0, 0, null);
    }
}
