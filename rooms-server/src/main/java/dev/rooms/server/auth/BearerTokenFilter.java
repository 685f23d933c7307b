package dev.rooms.server.auth;

import java.io.IOException;
import java.util.List;

import dev.rooms.server.operations.RequestLogFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <access token>}; the principal is the user id ({@code Long}).
 * A rejected token does not end the request here: it is remembered, and only an endpoint that needs
 * authentication answers 401 with it (public endpoints ignore a bad token, unknown URLs stay 404).
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final String FAILURE_ATTRIBUTE = BearerTokenFilter.class.getName() + ".failure";

    private final TokenService tokens;

    BearerTokenFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String[] parts = header == null ? new String[0] : header.strip().split("\\s+");
        // Another scheme (or none) is simply "no credentials", as in the original.
        if (parts.length > 0 && parts[0].equals("Bearer")) {
            if (parts.length != 2) {
                request.setAttribute(FAILURE_ATTRIBUTE, new InvalidTokenException(
                        "Authorization header must contain two space-delimited values", "bad_authorization_header", null));
            } else {
                authenticate(request, parts[1]);
            }
        }
        chain.doFilter(request, response);
    }

    private void authenticate(HttpServletRequest request, String token) {
        try {
            AccessToken access = tokens.verifyAccessToken(token);
            SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(access.userId(), null, List.of()));
            SecurityContextHolder.getContextHolderStrategy().setContext(context);
            request.setAttribute(RequestLogFilter.USER_ID_ATTRIBUTE, access.userId());
        } catch (InvalidTokenException e) {
            request.setAttribute(FAILURE_ATTRIBUTE, e);
        }
    }
}
