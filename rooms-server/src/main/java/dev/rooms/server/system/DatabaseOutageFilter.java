package dev.rooms.server.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 when a filter (token checks, rate limits, the WebSocket upgrade) could not reach the database:
 * without this the failure leaves the filter chain as a 500 with a stack trace in the log for every request of an
 * outage. Failures inside controllers are answered the same way by {@code ApiExceptionHandler}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private final DatabaseOutage outage;
    private final JsonErrorWriter writer;

    DatabaseOutageFilter(DatabaseOutage outage, JsonErrorWriter writer) {
        this.outage = outage;
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (response.isCommitted() || !outage.recordIfUnreachable(e)) {
                throw e;
            }
            outage.refusedRequest();
            response.resetBuffer();
            response.setHeader("Retry-After", String.valueOf(DatabaseOutage.RETRY_AFTER.toSeconds()));
            writer.writeDetail(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    JsonErrorWriter.standardDetail(HttpStatus.SERVICE_UNAVAILABLE));
        }
    }
}
