package dev.rooms.server.live;

import dev.rooms.server.message.MessageResponse;

/**
 * A persisted chat message ready to broadcast.
 *
 * @param id         the message id
 * @param previousId the id of the room's message before it (0 when unknown or none)
 * @param frame      the broadcast frame: the history shape plus the sender's nonce, if any
 * @param nonce      that nonce, or {@code null}
 * @param post       what was posted, when it was this process's (else {@code null}: read back from history)
 * @param message    the stored message ({@code null} with {@code post})
 */
record StoredChat(long id, long previousId, String frame, String nonce, ChatPost post, MessageResponse message) {

    StoredChat(long id, long previousId, String frame, String nonce) {
        this(id, previousId, frame, nonce, null, null);
    }
}
