package dev.rooms.sdk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A search for messages across every active room the server has, for {@link Messages#search(MessageSearch)} and
 * {@link Messages#searchAll(MessageSearch)}: the text to find plus optional filters and a page size.
 *
 * <pre>{@code
 * MessageSearch search = MessageSearch.builder("deploy").room(roomId).since(yesterday).limit(20).build();
 * }</pre>
 *
 * <p>Results are newest first; {@code before} continues below the oldest result already seen. Sent as
 * {@code GET /api/messages/search/} with the query parameters {@code q}, {@code room}, {@code user},
 * {@code since}, {@code until} (ISO-8601 instants), {@code before} and {@code limit}. Immutable and thread-safe;
 * the canonical constructor checks its arguments as the builder does.
 *
 * @param text   the text the content must contain (case-insensitive)
 * @param roomId only messages of this room, or {@code null} for every active room
 * @param userId only messages by this user, or {@code null}
 * @param since  only messages stored at or after this instant, or {@code null}
 * @param until  only messages stored before this instant, or {@code null}
 * @param before only messages with a smaller id, or {@code null}
 * @param limit  at most this many results per answer (1 to {@value Rooms#MAX_LIMIT}), or {@code null} for the
 *               server's choice
 */
public record MessageSearch(String text, Long roomId, Long userId, Instant since, Instant until, Long before,
                            Integer limit) {

    /**
     * Checks the arguments.
     *
     * @param text   the text the content must contain
     * @param roomId only messages of this room, or {@code null}
     * @param userId only messages by this user, or {@code null}
     * @param since  only messages stored at or after this instant, or {@code null}
     * @param until  only messages stored before this instant, or {@code null}
     * @param before only messages with a smaller id, or {@code null}
     * @param limit  at most this many results per answer, or {@code null}
     * @throws IllegalArgumentException if {@code text} is blank, a value is out of range, or {@code since} is not
     *                                  before {@code until}
     */
    public MessageSearch {
        Checks.text(Objects.requireNonNull(text, "text == null"), "text");
        Checks.id(roomId, "roomId");
        Checks.id(userId, "userId");
        Checks.id(before, "before");
        Checks.limit(limit);
        Checks.range(null, before, since, until);
    }

    /**
     * Searches for a text with no filters.
     *
     * @param text non-blank text
     * @return the search
     * @throws IllegalArgumentException if the text is blank
     */
    public static MessageSearch of(String text) {
        return builder(text).build();
    }

    /**
     * Starts building a search for a text.
     *
     * @param text non-blank text the content must contain
     * @return a new builder
     * @throws IllegalArgumentException if the text is blank
     */
    public static Builder builder(String text) {
        return new Builder(Checks.text(Objects.requireNonNull(text, "text == null"), "text"));
    }

    /** The query parameters, in a fixed order so that equal searches send equal URLs. */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("q", text);
        Parameters.put(parameters, "room", roomId);
        Parameters.put(parameters, "user", userId);
        Parameters.put(parameters, "since", since);
        Parameters.put(parameters, "until", until);
        Parameters.put(parameters, "before", before);
        Parameters.put(parameters, "limit", limit);
        return parameters;
    }

    /**
     * Builds a {@link MessageSearch}. Each setter checks its argument at once. Not thread-safe; the search is.
     */
    public static final class Builder {

        private final String text;
        private Long roomId;
        private Long userId;
        private Instant since;
        private Instant until;
        private Long before;
        private Integer limit;

        private Builder(String text) {
            this.text = text;
        }

        /**
         * Searches one room only ({@code room=}).
         *
         * @param roomId the room, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder room(long roomId) {
            this.roomId = Checks.id(roomId, "roomId");
            return this;
        }

        /**
         * Keeps only messages by one user ({@code user=}).
         *
         * @param userId the author's user id, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder user(long userId) {
            this.userId = Checks.id(userId, "userId");
            return this;
        }

        /**
         * Keeps only messages stored at or after an instant ({@code since=}, inclusive).
         *
         * @param instant the earliest storage time
         * @return this builder
         */
        public Builder since(Instant instant) {
            this.since = Objects.requireNonNull(instant, "since == null");
            return this;
        }

        /**
         * Keeps only messages stored before an instant ({@code until=}, exclusive).
         *
         * @param instant the first storage time left out
         * @return this builder
         */
        public Builder until(Instant instant) {
            this.until = Objects.requireNonNull(instant, "until == null");
            return this;
        }

        /**
         * Keeps only messages with an id smaller than this one ({@code before=}): the next page below the oldest
         * result already seen.
         *
         * @param messageId a message id, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder before(long messageId) {
            this.before = Checks.id(messageId, "before");
            return this;
        }

        /**
         * Sets the page size ({@code limit=}).
         *
         * @param limit 1 to {@value Rooms#MAX_LIMIT}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder limit(int limit) {
            this.limit = Checks.limit(limit);
            return this;
        }

        /**
         * Builds the search.
         *
         * @return a new, immutable search
         * @throws IllegalArgumentException if {@code since} is not before {@code until}
         */
        public MessageSearch build() {
            return new MessageSearch(text, roomId, userId, since, until, before, limit);
        }
    }
}
