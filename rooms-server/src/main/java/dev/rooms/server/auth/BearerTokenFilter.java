package dev.rooms.server.auth;

import java.io.IOException;
import java.util.ArrayList;
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
        List<String> parts = header == null ? List.of() : words(header.strip());
        // Another scheme (or none) is simply "no credentials", as in the original.
        if (!parts.isEmpty() && parts.get(0).equals("Bearer")) {
            if (parts.size() != 2) {
                request.setAttribute(FAILURE_ATTRIBUTE, new InvalidTokenException(
                        "Authorization header must contain two space-delimited values", "bad_authorization_header", null));
            } else {
                authenticate(request, parts.get(1));
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * The header's words as {@code split("\\s+")} finds them (separated by runs of ASCII white space), without a
     * regular expression on every request.
     */
    static List<String> words(String header) {
        List<String> words = new ArrayList<>(2);
        int start = -1;
        for (int i = 0; i <= header.length(); i++) {
            boolean space = i == header.length() || isAsciiSpace(header.charAt(i));
            if (space && start >= 0) {
                words.add(header.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return words;
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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
