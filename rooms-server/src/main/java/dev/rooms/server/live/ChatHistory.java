package dev.rooms.server.live;

import java.util.List;

/** Read access to persisted chat, for putting messages from several processes back into id order. */
interface ChatHistory {

    /** The id of the room's newest message, 0 when it has none. */
    long lastMessageId(long roomId);

    /**
     * The room's messages with {@code afterId < id < beforeId}, oldest first, as broadcast frames, each with the
     * nonce its sender sent it with (stored with the message); each one's {@code previousId} is the one before
     * it, the first's {@code afterId}.
     */
    List<StoredChat> messagesBetween(long roomId, long afterId, long beforeId);
}
