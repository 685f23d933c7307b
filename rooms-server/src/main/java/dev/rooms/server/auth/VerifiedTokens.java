package dev.rooms.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Access tokens already verified (signature, expiry, type, the account exists), kept until they expire, so that
 * a request carrying one costs neither the signature check nor the database's user lookup again. Access tokens
 * cannot be revoked (logging out revokes the refresh token only, as in the original), so the one thing that
 * ends a verified token early is its account's deletion: {@link #accountDeleted} drops its tokens at once.
 *
 * <p>A verification that read the account just before its deletion committed must not put the token back
 * afterwards: every deletion moves a counter, and a token verified while the counter moved is not kept.
 * Deletions made by other server processes arrive through the live layer's broker; while they cannot (the
 * broker is down) nothing is kept and every token is verified against the database, as without a cache.
 */
final class VerifiedTokens {

    /** Bounds the memory (a token and its entry are about half a KiB); past it the least used are re-verified. */
    private static final long MAX_TOKENS = 100_000;

    private final Cache<String, AccessToken> tokens;
    private final AtomicLong deletions = new AtomicLong();
    private final Clock clock;
    private final BooleanSupplier deletionsArrive;

    VerifiedTokens(Clock clock, BooleanSupplier deletionsArrive) {
        this.clock = clock;
        this.deletionsArrive = deletionsArrive;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(new UntilExpiry(clock))
                .build();
    }

    /**
     * The verified token, from the cache or else from {@code verify} (which throws when the token is not valid);
     * a token past its expiry is verified again, and so rejected, whatever the cache still holds.
     */
    AccessToken verify(String token, Supplier<AccessToken> verify) {
        if (!deletionsArrive.getAsBoolean()) {
            // What was kept before may belong to an account deleted elsewhere meanwhile.
            forgetAll();
            return verify.get();
        }
        AccessToken known = tokens.getIfPresent(token);
        if (known != null && !clock.instant().isAfter(known.expiresAt())) {
            return known;
        }
        long seen = deletions.get();
        AccessToken verified = verify.get();
        tokens.put(token, verified);
        if (deletions.get() != seen) {
            // An account was deleted meanwhile, perhaps this one after verify read it: do not keep the token.
            tokens.invalidate(token);
        }
        return verified;
    }

    /** Forgets every token of the account, so each is verified (and refused) again. */
    void accountDeleted(long userId) {
        deletions.incrementAndGet();
        tokens.asMap().values().removeIf(token -> token.userId() == userId);
    }

    /** Forgets every token: deletions may have been missed. */
    void forgetAll() {
        deletions.incrementAndGet();
        tokens.invalidateAll();
    }

    /** An entry lives until its token expires by the service's clock. */
    private record UntilExpiry(Clock clock) implements Expiry<String, AccessToken> {

        @Override
        public long expireAfterCreate(String token, AccessToken access, long currentTime) {
            return Math.max(0, Duration.between(clock.instant(), access.expiresAt()).toNanos());
        }

        @Override
        public long expireAfterUpdate(String token, AccessToken access, long currentTime, long currentDuration) {
            return expireAfterCreate(token, access, currentTime);
        }

        @Override
        public long expireAfterRead(String token, AccessToken access, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
