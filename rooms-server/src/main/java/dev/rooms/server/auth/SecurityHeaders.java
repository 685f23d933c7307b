package dev.rooms.server.auth;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * The response headers Spring Security's filter chain puts on every answer ({@code X-Content-Type-Options},
 * {@code X-Frame-Options}, the no-cache headers, HSTS over TLS), for the one request served outside that chain:
 * the chat socket's upgrade. It runs the chain's own {@link HeaderWriterFilter}, so both paths answer with the same
 * headers whatever the chain is configured to write.
 */
public final class SecurityHeaders {

    private final Filter headerWriter;

    SecurityHeaders(SecurityFilterChain chain) {
        this.headerWriter = chain.getFilters().stream().filter(HeaderWriterFilter.class::isInstance).findFirst()
                .orElseThrow(() -> new IllegalStateException("The security filter chain writes no headers"));
    }

    /** Answers the request with {@code answer}, the headers written when the answer is committed. */
    public void around(HttpServletRequest request, HttpServletResponse response, FilterChain answer)
            throws IOException, ServletException {
        headerWriter.doFilter(request, response, answer);
    }
}
