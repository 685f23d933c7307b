package dev.rooms.server.ratelimit;

import dev.rooms.server.system.JsonErrorWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a {@link ThrottledException} as DRF does: 429, {@code Retry-After: <seconds>} and
 * {@code {"detail": "Request was throttled. Expected available in N seconds."}}, plus the {@code X-RateLimit-*}
 * headers. Ordered first so that no catch-all handler answers it as a server error.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ThrottledResponses {

    private final JsonErrorWriter errors;

    ThrottledResponses(JsonErrorWriter errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ThrottledException.class)
    ResponseEntity<Object> throttled(ThrottledException e, HttpServletResponse response) {
        addHeaders(response, e.verdict());
        return errors.detail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    }

    static void addHeaders(HttpServletResponse response, Verdict verdict) {
        verdict.headers().forEach(response::setHeader);
    }
}
