package dev.rooms.sdk;

import java.time.Instant;

/** The argument checks the query types share, so each says the same thing about the same mistake. */
final class Checks {

    private Checks() {
    }

    static String text(String text, String name) {
        if (text != null && text.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return text;
    }

    static Long id(Long id, String name) {
        if (id != null && id < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + id);
        }
        return id;
    }

    static Integer limit(Integer limit) {
        if (limit != null && (limit < 1 || limit > Rooms.MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be 1 to " + Rooms.MAX_LIMIT + ": " + limit);
        }
        return limit;
    }

    static Long after(Long after) {
        if (after != null && after < 0) {
            throw new IllegalArgumentException("after must not be negative: " + after);
        }
        return after;
    }

    /** A range that cannot hold anything is a caller's mistake, not a question for the server. */
    static void range(Long after, Long before, Instant since, Instant until) {
        if (after != null && before != null && after >= before - 1) {
            throw new IllegalArgumentException("no message id is between after " + after + " and before " + before);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since " + since + " is not before until " + until);
        }
    }
}
