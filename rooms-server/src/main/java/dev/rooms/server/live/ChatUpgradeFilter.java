package dev.rooms.server.live;

import java.io.IOException;
import java.util.function.Supplier;

import dev.rooms.server.auth.SecurityHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Serves {@code GET /ws/chat/{room_id}/} straight from the servlet filters, with the handshake's own handler.
 * Spring Security's chain and Spring MVC's dispatch were a fifth of a warm handshake's CPU, the JIT's aside
 * (README-bench, "Handshakes without the servlet stack's detours"), and add nothing to it:
 *
 * <ul>
 *   <li>Spring Security: the path is public in its rules ({@code permitAll}), since the handshake authenticates
 *       itself ({@link HandshakeAuthentication}: the token from the header or {@code ?token=}, the account, the
 *       room) and checks its origin ({@link OriginCheck}). What the chain adds to every answer, its response
 *       headers, is written here by the same filter ({@link SecurityHeaders}). Its firewall checks nothing a
 *       path of this shape could fail, and the header and parameter values it would check on reading are each
 *       validated by the one check that reads them (a refused value inside the handshake was answered 500).</li>
 *   <li>Spring MVC: the handler is the one the dispatcher would have found; its exceptions are answered by the
 *       container's error path ({@code /error}) instead of the controllers' advice, with the same 500 body, and
 *       a database outage still by {@code DatabaseOutageFilter} (503), which runs before this filter.</li>
 *   <li>What runs before this filter stays: the access line and request id ({@code RequestLogFilter}), the body
 *       size limit, the character encoding of parameters, the observation filter (upgrades are unobserved).</li>
 * </ul>
 *
 * Any other request under {@code /ws/chat/} (another method, a path that is not a room's id, anything odd in it)
 * goes on through every filter and the dispatcher to the same handler, exactly as before.
 */
final class ChatUpgradeFilter implements Filter {

    /**
     * Resolved at the first request: filters are created with the web server, before the context's other beans,
     * and the handler brings most of them (and the security chain) with it.
     */
    private final Supplier<WebSocketHttpRequestHandler> upgrades;
    private final Supplier<SecurityHeaders> headers;

    ChatUpgradeFilter(Supplier<WebSocketHttpRequestHandler> upgrades, Supplier<SecurityHeaders> headers) {
        this.upgrades = upgrades;
        this.headers = headers;
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) servletRequest;
        if (!"GET".equals(request.getMethod())
                || ChatPath.roomId(request.getRequestURI().substring(request.getContextPath().length())) < 0) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        WebSocketHttpRequestHandler handler = upgrades.get();
        headers.get().around(request, (HttpServletResponse) servletResponse,
                (req, res) -> handler.handleRequest((HttpServletRequest) req, (HttpServletResponse) res));
    }
}
