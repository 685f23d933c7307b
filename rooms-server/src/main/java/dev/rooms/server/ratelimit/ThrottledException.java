package dev.rooms.server.ratelimit;

/** A request went over a rate limit; answered 429 with {@code Retry-After} by {@link ThrottledResponses}. */
public class ThrottledException extends RuntimeException {

    private final Verdict verdict;

    ThrottledException(Verdict verdict) {
        super(detail(verdict.retryAfterSeconds()));
        this.verdict = verdict;
    }

    Verdict verdict() {
        return verdict;
    }

    /** DRF's wording, so clients of the original understand it. */
    public static String detail(long seconds) {
        return "Request was throttled. Expected available in " + seconds + (seconds == 1 ? " second." : " seconds.");
    }
}
