package dev.rooms.server.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a limit said about one request: let through or not, and the figures for the {@code X-RateLimit-*} and
 * {@code Retry-After} headers.
 *
 * @param allowed           whether the request got its token
 * @param limit             the burst of the limit (its smallest capacity)
 * @param remaining         tokens left after this request
 * @param resetSeconds      seconds until the bucket is full again
 * @param retryAfterSeconds when refused, whole seconds until a token is back (at least 1); else 0
 */
public record Verdict(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

    /**
     * {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset} (seconds until the bucket is full) and, when
     * refused, {@code Retry-After}; nothing when no limit applied.
     */
    public Map<String, String> headers() {
        if (!limited()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit", Long.toString(limit));
        headers.put("X-RateLimit-Remaining", Long.toString(remaining));
        headers.put("X-RateLimit-Reset", Long.toString(resetSeconds));
        if (!allowed) {
            headers.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        return headers;
    }

    static Verdict unlimited() {
        return new Verdict(true, 0, 0, 0, 0);
    }

    /** Whether there was a limit to report (the limits are on, and the store answered). */
    boolean limited() {
        return limit > 0;
    }

    static long seconds(long nanos) {
        return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
