package dev.rooms.sdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A message of the history with when it was last edited, from {@code rooms().messagesWithEdits(...)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param message  the message as it reads now ({@link Message#nonce()} is {@code null})
 * @param editedAt when it was last edited, or {@code null} if never
 */
public record HistoryMessage(Message message, Instant editedAt) {

    /**
     * Checks that the message is present.
     *
     * @param message  the message as it reads now
     * @param editedAt when it was last edited, or {@code null} if never
     */
    public HistoryMessage {
        Objects.requireNonNull(message, "message == null");
    }

    /**
     * Returns whether the message was edited since it was posted.
     *
     * @return {@code true} if it has an edit time
     */
    public boolean edited() {
        return editedAt != null;
    }
}
