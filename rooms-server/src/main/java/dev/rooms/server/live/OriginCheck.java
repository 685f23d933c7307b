package dev.rooms.server.live;

import dev.rooms.server.system.JsonErrorWriter;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * The origin allow-list ({@code rooms.websocket.allowed-origins}), checked first. Same rules as Spring's own
 * origin check (patterns as in CORS; a request without {@code Origin}, i.e. not from a browser page, or from
 * the server's own origin passes), but a refusal is a 403 in the API's JSON error shape, where Spring's
 * answers with an empty body.
 */
final class OriginCheck implements HandshakeInterceptor {

    private final CorsConfiguration allowed = new CorsConfiguration();
    private final JsonErrorWriter errors;

    OriginCheck(List<String> allowedOriginPatterns, JsonErrorWriter errors) {
        this.allowed.setAllowedOriginPatterns(allowedOriginPatterns);
        this.errors = errors;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        if (WebUtils.isSameOrigin(request) || allowed.checkOrigin(request.getHeaders().getOrigin()) != null) {
            return true;
        }
        return HandshakeAuthentication.refuse(response, errors, HttpStatus.FORBIDDEN, "Origin not allowed.");
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                               WebSocketHandler handler, Exception exception) {
        // Nothing to do once upgraded.
    }
}
