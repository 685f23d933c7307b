package dev.rooms.server.live;

import java.util.List;
import java.util.Map;

/** Read access to persisted chat, for putting messages from several processes back into id order. */
interface ChatHistory {

    /** The id of the room's newest message, 0 when it has none. */
    long lastMessageId(long roomId);

    /**
     * The room's messages with {@code afterId < id < beforeId}, oldest first, as broadcast frames; each one's
     * {@code previousId} is the one before it, the first's {@code afterId}. The database keeps no nonce: each
     * frame carries the one {@code nonces} still knows for its message, if any.
     */
    List<StoredChat> messagesBetween(long roomId, long afterId, long beforeId, Nonces nonces);

    /** Where the nonces of recently published messages are kept ({@link Broker#recentNonces}). */
    interface Nonces {

        /** The nonces still known of the room's messages with these ids, by id; absent ones had none or expired. */
        Map<Long, String> of(long roomId, List<Long> messageIds);
    }
}
