package dev.rooms.server.operations;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One access-log line per request, and a request id that ties a request's log lines together.
 *
 * <p>The id is the caller's {@code X-Request-Id} when it looks like an id (a proxy's or a client's, so
 * their logs and ours can be joined), else a new one; it is sent back in {@code X-Request-Id} and put in the
 * logging context as {@code request_id} while the request runs, so every line logged for it carries it.
 *
 * <p>The line has the method, the path without the query string (which may hold a WebSocket's
 * {@code ?token=}), the status, the duration, the user id (when the request carried a valid access token)
 * and the request id; never a header or a body. A streamed answer is logged when it ends.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLogFilter extends OncePerRequestFilter {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** The MDC key, and the field name in structured logs. */
    public static final String REQUEST_ID = "request_id";
    /** Request attribute holding the authenticated user id, set by the token filter. */
    public static final String USER_ID_ATTRIBUTE = RequestLogFilter.class.getName() + ".userId";

    private static final Logger log = LoggerFactory.getLogger("dev.rooms.server.access");
    /** An id from outside is taken only if it cannot smuggle anything into a log line or a header. */
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String requestId = requestId(request.getHeader(REQUEST_ID_HEADER));
        response.setHeader(REQUEST_ID_HEADER, requestId);
        MDC.put(REQUEST_ID, requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(REQUEST_ID);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new LogWhenDone(request, response, started, requestId));
            } else {
                logRequest(request, response, started, requestId);
            }
        }
    }

    static String requestId(String offered) {
        return offered != null && SANE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    private static void logRequest(HttpServletRequest request, HttpServletResponse response, long started,
                                   String requestId) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        Object userId = request.getAttribute(USER_ID_ATTRIBUTE);
        String user = userId == null ? "-" : userId.toString();
        MDC.put(REQUEST_ID, requestId);
        try {
            log.atInfo()
                    .addKeyValue("http_method", request.getMethod())
                    .addKeyValue("url_path", request.getRequestURI())
                    .addKeyValue("http_status", response.getStatus())
                    .addKeyValue("duration_ms", millis)
                    .addKeyValue("user_id", user)
                    .log("{} {} {} {} ms user={} request_id={}", request.getMethod(), request.getRequestURI(),
                            response.getStatus(), millis, user, requestId);
        } finally {
            MDC.remove(REQUEST_ID);
        }
    }

    /** Logs a streamed answer once it is complete, with its final status and whole duration. */
    private record LogWhenDone(HttpServletRequest request, HttpServletResponse response, long started,
                               String requestId) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            logRequest(request, response, started, requestId);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // onComplete follows.
        }

        @Override
        public void onError(AsyncEvent event) {
            // onComplete follows.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
