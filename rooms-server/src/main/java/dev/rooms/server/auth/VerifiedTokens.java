package dev.rooms.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.rooms.server.system.DeletionAwareCache;

/**
 * Access tokens already verified (signature, expiry, type, the account exists), kept until they expire, so that
 * a request carrying one costs neither the signature check nor the database's user lookup again. Access tokens
 * cannot be revoked (logging out revokes the refresh token only, as in the original), so the one thing that
 * ends a verified token early is its account's deletion: {@link #accountDeleted} drops its tokens at once.
 *
 * <p>How a deletion racing a verification, and deletions in other processes, are handled: {@link DeletionAwareCache}.
 */
final class VerifiedTokens {

    /** Bounds the memory (a token and its entry are about half a KiB); past it the least used are re-verified. */
    private static final long MAX_TOKENS = 100_000;

    private final DeletionAwareCache<String, AccessToken> tokens;
    private final Clock clock;

    VerifiedTokens(Clock clock, BooleanSupplier deletionsArrive) {
        this.clock = clock;
        this.tokens = new DeletionAwareCache<>(Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(new UntilExpiry(clock))
                .<String, AccessToken>build(), deletionsArrive);
    }

    /**
     * The verified token, from the cache or else from {@code verify} (which throws when the token is not valid);
     * a token past its expiry is verified again, and so rejected, whatever the cache still holds.
     */
    AccessToken verify(String token, Supplier<AccessToken> verify) {
        AccessToken known = tokens.get(token, unknown -> verify.get());
        return clock.instant().isAfter(known.expiresAt()) ? verify.get() : known;
    }

    /** Forgets every token of the account, so each is verified (and refused) again. */
    void accountDeleted(long userId) {
        tokens.forgetIf(token -> token.userId() == userId);
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
