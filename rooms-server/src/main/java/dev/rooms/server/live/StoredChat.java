package dev.rooms.server.live;

/**
 * A persisted chat message read back from history, ready to broadcast.
 *
 * @param id         the message id
 * @param previousId the id of the room's message before it (0 when unknown or none)
 * @param frame      the broadcast frame: the history shape plus the sender's nonce, if it sent one
 */
record StoredChat(long id, long previousId, String frame) {
}
