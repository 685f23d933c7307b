package dev.rooms.sdk;

import dev.rooms.sdk.model.RoomType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which rooms {@link Rooms#list(RoomQuery)} and {@link Rooms#listAll(RoomQuery)} ask for: filters and one page's
 * size and start. Every part is optional; the empty query ({@code RoomQuery.builder().build()}) asks for what
 * {@link Rooms#list()} does, every active room in one answer. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * RoomQuery query = RoomQuery.builder().type(RoomType.VIDEO).search("eng").mine().limit(50).build();
 * }</pre>
 *
 * <p>Sent as the query parameters {@code room_type}, {@code search}, {@code creator} ({@code me} or a user id),
 * {@code limit} and {@code after}. Immutable and thread-safe; the canonical constructor checks its arguments as
 * the builder does.
 *
 * @param type      only rooms of this type, or {@code null} for both
 * @param search    only rooms whose name or description contains this text (case-insensitive), or {@code null}
 * @param creatorId only rooms created by this user, or {@code null}
 * @param mine      only rooms created by the logged-in user
 * @param limit     at most this many rooms per answer (1 to {@value Rooms#MAX_LIMIT}), or {@code null} for all
 * @param after     only rooms with a greater id, or {@code null} to start at the oldest
 */
public record RoomQuery(RoomType type, String search, Long creatorId, boolean mine, Integer limit, Long after) {

    /**
     * Checks the arguments.
     *
     * @param type      only rooms of this type, or {@code null} for both
     * @param search    only rooms whose name or description contains this text, or {@code null}
     * @param creatorId only rooms created by this user, or {@code null}
     * @param mine      only rooms created by the logged-in user
     * @param limit     at most this many rooms per answer, or {@code null}
     * @param after     only rooms with a greater id, or {@code null}
     * @throws IllegalArgumentException if {@code search} is blank, {@code creatorId} is not positive, both
     *                                  {@code creatorId} and {@code mine} are given, {@code limit} is out of range
     *                                  or {@code after} is negative
     */
    public RoomQuery {
        Checks.text(search, "search");
        Checks.id(creatorId, "creatorId");
        if (mine && creatorId != null) {
            throw new IllegalArgumentException("mine and creatorId " + creatorId + " exclude each other");
        }
        Checks.limit(limit);
        Checks.after(after);
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
        if (type != null) {
            parameters.put("room_type", type.wireValue());
        }
        Parameters.put(parameters, "search", search);
        Parameters.put(parameters, "creator", mine ? "me" : creatorId);
        Parameters.put(parameters, "limit", limit);
        Parameters.put(parameters, "after", after);
        return parameters;
    }

    /**
     * Builds a {@link RoomQuery}. Each setter checks its argument at once. Not thread-safe; the query is.
     */
    public static final class Builder {

        private RoomType type;
        private String search;
        private Long creatorId;
        private boolean mine;
        private Integer limit;
        private Long after;

        private Builder() {
        }

        /**
         * Keeps only rooms of one type ({@code room_type=chat|video}).
         *
         * @param type chat or video
         * @return this builder
         */
        public Builder type(RoomType type) {
            this.type = Objects.requireNonNull(type, "type == null");
            return this;
        }

        /**
         * Keeps only rooms whose name or description contains the text, case-insensitively ({@code search=}).
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
         * Keeps only rooms created by one user ({@code creator=<id>}); replaces {@link #mine()}.
         *
         * @param userId the creator's user id, positive
         * @return this builder
         * @throws IllegalArgumentException if the id is not positive
         */
        public Builder creator(long userId) {
            this.creatorId = Checks.id(userId, "creatorId");
            this.mine = false;
            return this;
        }

        /**
         * Keeps only rooms created by the logged-in user ({@code creator=me}); replaces {@link #creator(long)}.
         *
         * @return this builder
         */
        public Builder mine() {
            this.mine = true;
            this.creatorId = null;
            return this;
        }

        /**
         * Sets the page size ({@code limit=}): one answer holds at most this many rooms, oldest first.
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
         * Starts after a room ({@code after=}): only rooms with a greater id.
         *
         * @param roomId the last room already seen; 0 to start at the oldest
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder after(long roomId) {
            this.after = Checks.after(roomId);
            return this;
        }

        /**
         * Builds the query.
         *
         * @return a new, immutable query
         */
        public RoomQuery build() {
            return new RoomQuery(type, search, creatorId, mine, limit, after);
        }
    }
}
