package dev.rooms.sdk.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored chat message, from the history endpoint or broadcast live.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id        the server's message id; ids grow in the order messages were stored
 * @param user      the author
 * @param content   the text
 * @param createdAt when the server stored the message
 * @param nonce     the sender's correlation nonce echoed by the server on live broadcasts, or {@code null}
 *                  (history never carries one)
 */
public record Message(long id, UserSummary user, String content, Instant createdAt, String nonce) {

    /**
     * Checks that the author and content are present.
     *
     * @param id the server's message id; ids grow in the order messages were stored
     * @param user the author
     * @param content the text
     * @param createdAt when the server stored the message
     * @param nonce the sender's correlation nonce echoed by the server on live broadcasts, or {@code null} (history never carries one)
     */
    public Message {
        Objects.requireNonNull(user, "user == null");
        Objects.requireNonNull(content, "content == null");
    }
}
