package dev.rooms.sdk.internal;

import dev.rooms.sdk.AuthenticationException;
import dev.rooms.sdk.TokenStore;
import dev.rooms.sdk.model.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Hands out access tokens and refreshes them: shortly before they expire, and on demand after a 401. Refreshes are
 * single-flight: threads that ask for a refresh of the same stale token while one is running wait for it and use
 * its result instead of refreshing again.
 */
final class TokenManager {

    private final TokenStore store;
    private final Duration refreshBeforeExpiry;
    private final Function<String, Tokens> refresher;
    private final ReentrantLock refreshLock = new ReentrantLock();

    TokenManager(TokenStore store, Duration refreshBeforeExpiry, Function<String, Tokens> refresher) {
        this.store = store;
        this.refreshBeforeExpiry = refreshBeforeExpiry;
        this.refresher = refresher;
    }

    TokenStore store() {
        return store;
    }

    /** The access token to send now, refreshed first if it expires soon; {@code null} when not logged in. */
    String accessToken() {
        Tokens tokens = store.load().orElse(null);
        if (tokens == null) {
            return null;
        }
        if (!expiresSoon(tokens.access())) {
            return tokens.access();
        }
        return refreshReplacing(tokens.access()).access();
    }

    /**
     * Replaces {@code stale} with a fresh access token, unless another thread already did (then its token is
     * returned). {@code stale == null} forces a refresh.
     */
    Tokens refreshReplacing(String stale) {
        refreshLock.lock();
        try {
            Tokens current = store.load().orElseThrow(() -> new AuthenticationException(
                    "Not logged in: there are no tokens to refresh.", "not_logged_in", null));
            if (stale != null && !current.access().equals(stale)) {
                return current;
            }
            Tokens fresh = refresher.apply(current.refresh());
            store.save(fresh);
            return fresh;
        } finally {
            refreshLock.unlock();
        }
    }

    private boolean expiresSoon(String access) {
        return Jwt.expiry(access)
                .map(expiry -> !Instant.now().plus(refreshBeforeExpiry).isBefore(expiry))
                .orElse(false);
    }
}
