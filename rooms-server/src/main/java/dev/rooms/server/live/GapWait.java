package dev.rooms.server.live;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a chat message from another process waits for an earlier one whose publish it overtook, before
 * that one is read from the database. It adapts to how late overtaken messages really arrive on this
 * process: a fixed wait that a busy node outlasts fills gaps that were not gaps, and every copy read back
 * that way is late and has no nonce when its publisher had not even written the nonce to the broker yet.
 *
 * <p>It starts above the minimum, because a fresh process knows nothing of its peers' lag. It grows to four
 * times the longest an overtaken message was seen to take, and to twice the time a message arrived after
 * its gap had already been filled (the wait was too short); never above the maximum,
 * which bounds how long a room waits when a process really died between its commit and its publish. After
 * a quiet minute without growth it halves, down to the minimum, so one bad spike is not paid for forever.
 */
final class GapWait {

    private static final Logger log = LoggerFactory.getLogger(GapWait.class);
    private static final long DECAY_AFTER_NANOS = Duration.ofMinutes(1).toNanos();

    private final long minNanos;
    private final long maxNanos;
    private final LongSupplier nanoTime;
    /** Guarded by {@code this}. */
    private long currentNanos;
    /** When the wait last grew or decayed; guarded by {@code this}. */
    private long changedAt;

    /**
     * @param initial the wait of a process that has seen nothing yet: a freshly started node has not seen how
     *                late its peers' messages come, and is itself slow while its code is compiled
     */
    GapWait(Duration min, Duration initial, Duration max) {
        this(min, initial, max, System::nanoTime);
    }

    GapWait(Duration min, Duration initial, Duration max, LongSupplier nanoTime) {
        this.minNanos = min.toNanos();
        this.maxNanos = Math.max(minNanos, max.toNanos());
        this.nanoTime = nanoTime;
        this.currentNanos = Math.max(minNanos, Math.min(maxNanos, initial.toNanos()));
        this.changedAt = nanoTime.getAsLong();
    }

    /** The wait to use now. */
    synchronized long nanos() {
        long now = nanoTime.getAsLong();
        if (currentNanos > minNanos && now - changedAt > DECAY_AFTER_NANOS) {
            currentNanos = Math.max(minNanos, currentNanos / 2);
            changedAt = now;
        }
        return currentNanos;
    }

    /** An overtaken message arrived this long after the message that overtook it: normal, but keep a margin. */
    void overtakenArrivedAfter(long nanos) {
        grow(4 * nanos, nanos, false);
    }

    /** A message arrived this long after its successor, when it had already been read from the database. */
    void arrivedAfterFill(long nanos) {
        grow(2 * nanos, nanos, true);
    }

    private synchronized void grow(long wanted, long observed, boolean filledTooEarly) {
        long next = Math.min(maxNanos, wanted);
        if (next <= currentNanos) {
            return;
        }
        // Logged only when it at least doubles: a handful of lines in a process's life.
        if (filledTooEarly || next >= 2 * currentNanos) {
            log.info("Chat from other processes arrived up to {} ms late{}; waiting {} ms for an overtaken message before"
                    + " reading it from the database", observed / 1_000_000,
                    filledTooEarly ? " (after its gap was filled)" : "", next / 1_000_000);
        }
        currentNanos = next;
        changedAt = nanoTime.getAsLong();
    }
}
