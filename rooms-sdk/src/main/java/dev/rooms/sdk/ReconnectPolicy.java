package dev.rooms.sdk;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How a {@link RoomConnection} waits between reconnect attempts: exponential backoff with jitter.
 *
 * <p>The wait before attempt {@code n} (1-based) is {@code min(maxDelay, initialDelay * multiplier^(n-1))},
 * then moved randomly by up to {@code ±jitter} of itself so that many clients dropped together do not return
 * together. Immutable.
 *
 * @param initialDelay the wait before the first attempt after a drop
 * @param maxDelay     the longest wait
 * @param multiplier   how much the wait grows per failed attempt, at least 1
 * @param jitter       the random spread as a fraction of the wait, from 0 (none) to 1
 * @param maxAttempts  how many times in a row the connection tries again after a drop or a failed attempt (the
 *                     first connect included) before it gives up and closes with {@link CloseCodes#ABNORMAL}; 0
 *                     means never give up
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
                              int maxAttempts) {

    /**
     * Checks the values.
     *
     * @param initialDelay the wait before the first attempt after a drop
     * @param maxDelay the longest wait
     * @param multiplier how much the wait grows per failed attempt, at least 1
     * @param jitter the random spread as a fraction of the wait, from 0 (none) to 1
     * @param maxAttempts how many times in a row the connection tries again after a drop or a failed attempt
     *                    before it gives up; 0 means never give up
     */
    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay == null");
        Objects.requireNonNull(maxDelay, "maxDelay == null");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier < 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter outside [0, 1]: " + jitter);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts < 0: " + maxAttempts);
        }
    }

    /**
     * Returns the default policy: 0.5 s doubling up to 30 s, ±20 % jitter, never giving up — a long-running bot
     * should survive a server restart or an outage of any length, and reports every failed attempt meanwhile.
     *
     * @return the default policy
     */
    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.2, 0);
    }

    /**
     * Returns the wait before an attempt.
     *
     * @param attempt the 1-based number of the attempt since the connection was last open
     * @param random  the source of jitter
     * @return the wait, never negative
     */
    public Duration delayBefore(int attempt, Random random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt < 1: " + attempt);
        }
        double base = Math.min(maxDelay.toNanos(),
                initialDelay.toNanos() * Math.pow(multiplier, Math.min(attempt - 1, 62)));
        double spread = base * jitter * (random.nextDouble() * 2 - 1);
        return Duration.ofNanos(Math.max(0L, Math.round(base + spread)));
    }
}
