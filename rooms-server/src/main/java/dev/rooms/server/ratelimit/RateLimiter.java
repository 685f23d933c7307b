package dev.rooms.server.ratelimit;

import java.util.concurrent.atomic.AtomicLong;

import dev.rooms.server.system.BrokerState;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes tokens from the named limits' buckets and counts every refusal on {@code rooms.ratelimit.rejections}
 * tagged {@code limit=<name>}. When the shared store (Redis) fails, requests are let through: an outage of the
 * limiter must not become an outage of the chat. Keys are client addresses, user ids and account emails; none is
 * ever logged.
 *
 * <p>The shared store is the broker's Redis, so when Redis goes away the broker's one outage line already says so
 * (issue 15: one line when it goes, one when it is back). The limiter speaks up only when its store keeps failing
 * while the broker still reaches Redis — a problem of its own — and counts what it let through on
 * {@code rooms.ratelimit.unenforced} either way.
 */
final class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final long STORE_WARNING_INTERVAL_NANOS = 60_000_000_000L;
    /** How long the store may fail while the broker is up before that is the limiter's own problem. */
    private static final long STORE_FAILURE_GRACE_NANOS = 10_000_000_000L;

    private final boolean enabled;
    private final BucketStore shared;
    private final BucketStore local;
    private final BrokerState broker;
    private final MeterRegistry meters;
    /** When the store started failing, or 0 while it works. */
    private final AtomicLong failingSince = new AtomicLong();
    private final AtomicLong lastStoreWarning = new AtomicLong(System.nanoTime() - STORE_WARNING_INTERVAL_NANOS);

    /**
     * @param shared where limits that must hold across processes live (Redis when configured)
     * @param local  where limits of one connection live: it never leaves this process
     */
    RateLimiter(boolean enabled, BucketStore shared, BucketStore local, BrokerState broker, MeterRegistry meters) {
        this.enabled = enabled;
        this.shared = shared;
        this.local = local;
        this.broker = broker;
        this.meters = meters;
    }

    /** Takes a token from the limit shared by every process. */
    Verdict consume(String limit, Rate rate, String key) {
        return consume(shared, limit, rate, key);
    }

    /** Takes a token from a limit that only this process can see (one connection's). */
    Verdict consumeLocal(String limit, Rate rate, String key) {
        return consume(local, limit, rate, key);
    }

    /** Gives back a token taken by {@link #consume} (a login that turned out right); never above capacity. */
    void refund(String limit, Rate rate, String key) {
        if (!enabled) {
            return;
        }
        try {
            shared.addToken(limit + ":" + key, rate);
        } catch (RuntimeException e) {
            storeFailed(e);
        }
    }

    /** Closes the shared store's connection. */
    void close() {
        if (shared != local) {
            shared.close();
        }
    }

    private Verdict consume(BucketStore store, String limit, Rate rate, String key) {
        if (!enabled) {
            return Verdict.unlimited();
        }
        try {
            ConsumptionProbe probe = store.tryConsume(limit + ":" + key, rate);
            if (failingSince.get() != 0) {
                failingSince.set(0);
            }
            if (probe.isConsumed()) {
                return new Verdict(true, rate.burst(), probe.getRemainingTokens(),
                        Verdict.seconds(probe.getNanosToWaitForReset()), 0);
            }
            return refused(limit, rate, probe.getRemainingTokens(), probe.getNanosToWaitForRefill(),
                    probe.getNanosToWaitForReset());
        } catch (RuntimeException e) {
            return storeFailed(e);
        }
    }

    private Verdict refused(String limit, Rate rate, long remaining, long waitNanos, long resetNanos) {
        meters.counter("rooms.ratelimit.rejections", "limit", limit).increment();
        long wait = Math.max(1, Verdict.seconds(waitNanos));
        return new Verdict(false, rate.burst(), remaining, Math.max(wait, Verdict.seconds(resetNanos)), wait);
    }

    private Verdict storeFailed(RuntimeException e) {
        meters.counter("rooms.ratelimit.unenforced").increment();
        long now = System.nanoTime();
        failingSince.compareAndSet(0, now);
        boolean ownProblem = broker.available() && now - failingSince.get() >= STORE_FAILURE_GRACE_NANOS;
        long last = lastStoreWarning.get();
        if (ownProblem && now - last >= STORE_WARNING_INTERVAL_NANOS && lastStoreWarning.compareAndSet(last, now)) {
            log.warn("Rate limits are not enforced: their store failed ({}); letting requests through", e.toString());
        }
        return Verdict.unlimited();
    }
}
