package dev.rooms.server.live;

import dev.rooms.server.system.JsonErrorWriter;
import java.util.Map;

import dev.rooms.server.ratelimit.LiveLimits;
import dev.rooms.server.ratelimit.ThrottledException;
import dev.rooms.server.ratelimit.Verdict;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Limits handshakes per client address, first of the interceptors so that a flood of upgrades costs no token
 * check or database look-up: over the limit the answer is 429 with {@code Retry-After}, as for REST.
 */
final class HandshakeRateLimit implements HandshakeInterceptor {

    private final LiveLimits limits;
    private final JsonErrorWriter errors;

    HandshakeRateLimit(LiveLimits limits, JsonErrorWriter errors) {
        this.limits = limits;
        this.errors = errors;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        Verdict verdict = limits.admitHandshake(((ServletServerHttpRequest) request).getServletRequest());
        verdict.headers().forEach(response.getHeaders()::set);
        if (verdict.allowed()) {
            return true;
        }
        return HandshakeAuthentication.refuse(response, errors, HttpStatus.TOO_MANY_REQUESTS,
                ThrottledException.detail(verdict.retryAfterSeconds()));
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                               WebSocketHandler handler, Exception exception) {
        // Nothing to do once upgraded.
    }
}
