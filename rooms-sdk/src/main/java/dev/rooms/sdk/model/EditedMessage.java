package dev.rooms.sdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A message whose content its author changed: the answer of {@code rooms().edit(...)} and what
 * {@code RoomListener.onMessageUpdated} receives.
 *
 * <p>Immutable and thread-safe.
 *
 * @param message  the message with its new content ({@link Message#nonce()} is {@code null})
 * @param editedAt when it was last edited
 */
public record EditedMessage(Message message, Instant editedAt) {

    /**
     * Checks that both are present.
     *
     * @param message  the message with its new content
     * @param editedAt when it was last edited
     */
    public EditedMessage {
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(editedAt, "editedAt == null");
    }
}
