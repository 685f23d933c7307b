package dev.rooms.sdk;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which messages of a room {@link Rooms#messages(long, MessageQuery)} and
 * {@link Rooms#messagesAll(long, MessageQuery)} ask for: filters and one page's size and position. Every part is
 * optional; the empty query asks for what {@link Rooms#listMessages(long)} does, the whole history in one answer.
 * Build one with {@link #builder()}:
 *
 * <pre>{@code
 * MessageQuery olderPage = MessageQuery.builder().before(oldestSeenId).limit(50).build();
 * MessageQuery deploys = MessageQuery.builder().search("deploy").since(Instant.parse("2026-12-01T00:00:00Z")).build();
 * }</pre>
 *
 * <p>Whatever the parameters, an answer is oldest first. {@code limit} alone is the newest {@code limit} messages;
 * with {@code after} the first {@code limit} after it (paging forward); with {@code before} the newest
 * {@code limit} older than it (scrolling back). The filters ({@code since}, {@code until}, {@code search},
 * {@code user}) narrow what those count.
 *
 * <p>Sent as the query parameters {@code after}, {@code before}, {@code since}, {@code until} (ISO-8601 instants,
 * e.g. {@code 2026-12-04T09:30:00Z}), {@code search}, {@code user} and {@code limit}. Immutable and thread-safe;
 * the canonical constructor checks its arguments as the builder does.
 *
 * @param after  only messages with a greater id, or {@code null}
 * @param before only messages with a smaller id, or {@code null}
 * @param since  only messages stored at or after this instant, or {@code null}
 * @param until  only messages stored before this instant, or {@code null}
 * @param search only messages whose content contains this text (case-insensitive), or {@code null}
 * @param userId only messages by this user, or {@code null}
 * @param limit  at most this many messages per answer (1 to {@value Rooms#MAX_LIMIT}), or {@code null}: every
 *               match, except that with {@code before} the server picks the page size
 */
public record MessageQuery(Long after, Long before, Instant since, Instant until, String search, Long userId,
                           Integer limit) {

    /**
     * Checks the arguments.
     *
     * @param after  only messages with a greater id, or {@code null}
     * @param before only messages with a smaller id, or {@code null}
     * @param since  only messages stored at or after this instant, or {@code null}
     * @param until  only messages stored before this instant, or {@code null}
     * @param search only messages whose content contains this text, or {@code null}
     * @param userId only messages by this user, or {@code null}
     * @param limit  at most this many messages per answer, or {@code null}
     * @throws IllegalArgumentException if a value is out of range, {@code search} is blank, or the ids or instants
     *                                  leave no message between them
     */
    public MessageQuery {
        Checks.after(after);
        Checks.id(before, "before");
        Checks.text(search, "search");
        Checks.id(userId, "userId");
        Checks.limit(limit);
        Checks.range(after, before, since, until);
    }

    /**
     * Starts building a query; nothing is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The query parameters, in a fixed order so that equal queries send equal URLs. */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        Parameters.put(parameters, "after", after);
        Parameters.put(parameters, "before", before);
        Parameters.put(parameters, "since", since);
        Parameters.put(parameters, "until", until);
        Parameters.put(parameters, "search", search);
        Parameters.put(parameters, "user", userId);
        Parameters.put(parameters, "limit", limit);
        return parameters;
    }

    /**
     * Builds a {@link MessageQuery}. Each setter checks its argument at once, {@link #build()} checks how they
     * combine. Not thread-safe; the query is.
     */
    public static final class Builder {

        private Long after;
        private Long before;
        private Instant since;
        private Instant until;
        private String search;
        private Long userId;
        private Integer limit;

        private Builder() {
        }

        /**
         * Keeps only messages with an id greater than this one ({@code after=}); with a limit, pages forward.
         *
         * @param messageId the last message already seen; 0 to start at the oldest
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder after(long messageId) {
            this.after = Checks.after(messageId);
            return this;
        }

        /**
         * Keeps only messages with an id smaller than this one ({@code before=}); with a limit, the newest
         * {@code limit} of those, so a client scrolls back page by page.
         *
         * @param messageId the oldest message already seen, positive
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder before(long messageId) {
            this.before = Checks.id(messageId, "before");
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
         * Keeps only messages whose content contains the text, case-insensitively ({@code search=}).
         *
         * @param text non-blank text
         * @return this builder
         * @throws IllegalArgumentException if the text is blank
         */
        public Builder search(String text) {
            this.search = Checks.text(Objects.requireNonNull(text, "text == null"), "search");
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
         * Builds the query.
         *
         * @return a new, immutable query
         * @throws IllegalArgumentException if {@code after}/{@code before} or {@code since}/{@code until} leave no
         *                                  message between them
         */
        public MessageQuery build() {
            return new MessageQuery(after, before, since, until, search, userId, limit);
        }
    }
}
