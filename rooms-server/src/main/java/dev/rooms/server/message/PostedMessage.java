package dev.rooms.server.message;

/**
 * A saved chat message and the id of the room's message before it.
 *
 * @param message    the message exactly as the history endpoint shows it
 * @param previousId the id of the room's previous message, when asked for (else 0; 0 also when it is the first)
 */
public record PostedMessage(MessageResponse message, long previousId) {
}
