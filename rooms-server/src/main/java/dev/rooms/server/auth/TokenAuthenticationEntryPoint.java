package dev.rooms.server.auth;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import dev.rooms.server.system.JsonErrorWriter;
import dev.rooms.server.system.RequestRoutes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/** The 401 bodies of the original (and its 404 for unknown URLs, which it answered before authenticating). */
@Component
class TokenAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String WWW_AUTHENTICATE = "Bearer realm=\"api\"";

    private final RequestRoutes routes;
    private final JsonErrorWriter writer;

    TokenAuthenticationEntryPoint(RequestRoutes routes, JsonErrorWriter writer) {
        this.routes = routes;
        this.writer = writer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException unused)
            throws IOException {
        if (!routes.exists(request)) {
            writer.writeDetail(response, HttpServletResponse.SC_NOT_FOUND, "Not found.");
            return;
        }
        response.setHeader("WWW-Authenticate", WWW_AUTHENTICATE);
        if (request.getAttribute(BearerTokenFilter.FAILURE_ATTRIBUTE) instanceof InvalidTokenException failure) {
            writer.write(response, HttpServletResponse.SC_UNAUTHORIZED, body(failure, "AccessToken", TokenService.ACCESS));
        } else {
            writer.writeDetail(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication credentials were not provided.");
        }
    }

    /** {@code {"detail", "code"}} plus, when the token itself was bad, simplejwt's per-token-class {@code messages}. */
    static Map<String, Object> body(InvalidTokenException failure, String tokenClass, String tokenType) {
        Map<String, Object> body = JsonErrorWriter.detailBody(failure.getMessage(), failure.code());
        if (failure.reason() != null) {
            body.put("messages", List.of(Map.of(
                    "token_class", tokenClass, "token_type", tokenType, "message", failure.reason())));
        }
        return body;
    }
}
