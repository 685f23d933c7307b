package dev.rooms.server.message;

/**
 * A chat message read back for the live part, with what only the live part sees of it.
 *
 * @param message the message exactly as the history endpoint shows it
 * @param nonce   the nonce its socket sender sent it with, or {@code null}; never in a REST answer
 */
public record StoredMessage(MessageResponse message, String nonce) {
}
