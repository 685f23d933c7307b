package dev.rooms.sdk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server is rate limiting this client: an HTTP 429 the SDK's bounded retries did not get through, or a live
 * {@link RoomConnection#send(String) send} the server refused with the error code {@code throttled} (its
 * {@code retry_after} is then {@link #retryAfter()}; live sends are not retried by the SDK).
 *
 * <p>The client waits out a 429's {@code Retry-After} (delta-seconds or an HTTP date) and repeats the request, at
 * most {@link RoomsClient.Builder#maxRateLimitRetries} times and only while the wait is at most
 * {@link RoomsClient.Builder#maxRetryAfter}; a 429 without a readable {@code Retry-After} surfaces at once.
 *
 * <p>Immutable and safe to share between threads.
 */
public class RateLimitedException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** The {@code Retry-After} (or live {@code retry_after}) of the last answer, or {@code null}. */
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param detail      the body's {@code detail}, or {@code null}
     * @param code        the body's {@code code}, or {@code null}
     * @param fieldErrors the body's field-keyed messages, or {@code null}
     * @param retryAfter  how long the server asked to wait ({@code Retry-After}), or {@code null}
     */
    public RateLimitedException(String detail, String code, Map<String, List<String>> fieldErrors,
                                Duration retryAfter) {
        super(429, detail, code, fieldErrors);
        this.retryAfter = retryAfter;
    }

    /**
     * Returns how long the server asked the client to wait before trying again.
     *
     * @return the {@code Retry-After} of the last answer, empty if it had none
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
