package dev.rooms.server.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Throttles failed logins with three buckets: the account from anywhere, the account from this client address,
 * and this client address whatever the account. Every attempt takes a token from each before the password is
 * checked (so parallel guesses cannot slip through together) and a successful one gives them back: in effect
 * only failures count. While any bucket is empty the attempt is refused (429) without checking the password, so a
 * guesser learns nothing during the wait.
 *
 * <p>Why three: the account-and-address bucket stops a guesser at one address with waits that grow (by default
 * 5 failures, then one try every 12 s, and after 20 in an hour one every 3 minutes); the address bucket stops one
 * address trying many accounts; the account bucket stops many addresses sharing the guessing for one account.
 * That last one is the only bucket others can empty for the owner, so it is kept short: by default 10 failures,
 * then one try a minute. Attackers elsewhere can make the owner wait at most that minute after their last
 * failure, while their own address-bound buckets slow them down, and the owner's right password costs nothing,
 * so the owner is let in as soon as the wait is over.
 */
public final class LoginThrottle {

    static final String ACCOUNT = "login-account";
    static final String ACCOUNT_ADDRESS = "login-account-address";
    static final String ADDRESS = "login-address";

    private final RateLimiter limiter;
    private final RateLimitProperties limits;
    private final ClientAddresses addresses;

    LoginThrottle(RateLimiter limiter, RateLimitProperties limits, ClientAddresses addresses) {
        this.limiter = limiter;
        this.limits = limits;
        this.addresses = addresses;
    }

    /** A login attempt that holds its tokens; {@link #succeeded()} gives them back. */
    public final class Attempt {

        private final List<Taken> taken;

        private Attempt(List<Taken> taken) {
            this.taken = taken;
        }

        /** The password was right: the attempt does not count. */
        public void succeeded() {
            giveBack(taken);
        }
    }

    private record Taken(String limit, Rate rate, String key) {
    }

    /**
     * Takes a token from each bucket for this attempt and sets the {@code X-RateLimit-*} headers (of the
     * account-and-address bucket); refuses with a {@link ThrottledException} when a bucket is empty, giving back
     * what it took, and naming the longest wait.
     */
    public Attempt attempt(String email, HttpServletRequest request, HttpServletResponse response) {
        String account = email.strip().toLowerCase(Locale.ROOT);
        String address = addresses.of(request);
        List<Taken> buckets = List.of(
                new Taken(ACCOUNT_ADDRESS, limits.loginAccountAddress(), account + "|" + address),
                new Taken(ADDRESS, limits.loginAddress(), address),
                new Taken(ACCOUNT, limits.loginAccount(), account));
        List<Taken> taken = new ArrayList<>();
        Verdict shown = null;
        Verdict refused = null;
        for (Taken bucket : buckets) {
            Verdict verdict = limiter.consume(bucket.limit(), bucket.rate(), bucket.key());
            if (shown == null) {
                shown = verdict;
            }
            if (verdict.allowed()) {
                taken.add(bucket);
            } else if (refused == null || verdict.retryAfterSeconds() > refused.retryAfterSeconds()) {
                refused = verdict;
            }
        }
        if (refused != null) {
            giveBack(taken);
            throw new ThrottledException(refused);
        }
        ThrottledResponses.addHeaders(response, shown);
        return new Attempt(taken);
    }

    private void giveBack(List<Taken> taken) {
        taken.forEach(t -> limiter.refund(t.limit(), t.rate(), t.key()));
    }
}
