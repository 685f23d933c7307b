package dev.rooms.server.ratelimit;

import java.util.function.Function;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * One REST limit on the endpoints it is registered for: takes a token for the request's key (a client address or
 * a user id), sets the {@code X-RateLimit-*} headers, and refuses with a {@link ThrottledException} when empty.
 * Runs after authentication, so the user is known; a request without a key (not signed in) is not counted here.
 */
final class RequestThrottle implements HandlerInterceptor {

    private final RateLimiter limiter;
    private final String limit;
    private final Rate rate;
    private final Function<HttpServletRequest, String> key;

    RequestThrottle(RateLimiter limiter, String limit, Rate rate, Function<HttpServletRequest, String> key) {
        this.limiter = limiter;
        this.limit = limit;
        this.rate = rate;
        this.key = key;
    }

    /** The signed-in user's id, or null. */
    static String userId(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Long id ? id.toString() : null;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // A streamed answer's ASYNC dispatch belongs to a request that was already counted.
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return true;
        }
        String subject = key.apply(request);
        if (subject == null) {
            return true;
        }
        Verdict verdict = limiter.consume(limit, rate, subject);
        if (!verdict.allowed()) {
            throw new ThrottledException(verdict);
        }
        ThrottledResponses.addHeaders(response, verdict);
        return true;
    }
}
