package dev.rooms.server.ratelimit;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Throttles failed logins. Only failures take tokens, from three buckets: the account from anywhere, the account
 * from this client address, and this client address whatever the account. An attempt is refused (429) while any
 * of them is empty, before the password is checked, so a guesser learns nothing during the wait.
 *
 * <p>Why three: the account-and-address bucket stops a guesser at one address with waits that grow (by default
 * 5 failures, then one try every 12 s, and after 20 in an hour one every 3 minutes); the address bucket stops one
 * address trying many accounts; the account bucket stops many addresses sharing the guessing for one account.
 * That last one is the only bucket others can empty for the owner, so it is kept short: by default 10 failures,
 * then one try a minute. An attacker elsewhere can make the owner wait at most that minute per attempt of theirs,
 * while their own address-bound buckets slow them down; the owner's correct password is never charged, so the
 * owner is let in as soon as the wait is over.
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

    /** Refuses the attempt with a {@link ThrottledException} while a wait is on; sets the rate-limit headers. */
    public void checkLogin(String email, HttpServletRequest request, HttpServletResponse response) {
        String account = account(email);
        String address = addresses.of(request);
        Verdict accountAddress = limiter.check(ACCOUNT_ADDRESS, limits.loginAccountAddress(), account + "|" + address);
        Verdict byAddress = limiter.check(ADDRESS, limits.loginAddress(), address);
        Verdict byAccount = limiter.check(ACCOUNT, limits.loginAccount(), account);
        Verdict longest = accountAddress;
        for (Verdict verdict : new Verdict[] {byAddress, byAccount}) {
            if (!verdict.allowed() && (longest.allowed() || verdict.retryAfterSeconds() > longest.retryAfterSeconds())) {
                longest = verdict;
            }
        }
        if (!longest.allowed()) {
            throw new ThrottledException(longest);
        }
        ThrottledResponses.addHeaders(response, accountAddress);
    }

    /** Charges a failed attempt to all three buckets. */
    public void loginFailed(String email, HttpServletRequest request) {
        String account = account(email);
        String address = addresses.of(request);
        limiter.charge(ACCOUNT_ADDRESS, limits.loginAccountAddress(), account + "|" + address);
        limiter.charge(ADDRESS, limits.loginAddress(), address);
        limiter.charge(ACCOUNT, limits.loginAccount(), account);
    }

    private static String account(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
