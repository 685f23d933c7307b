package dev.rooms.server.live;

import dev.rooms.server.system.JsonErrorWriter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.rooms.server.auth.AccessToken;
import dev.rooms.server.auth.InvalidTokenException;
import dev.rooms.server.auth.TokenService;
import dev.rooms.server.operations.RequestLogFilter;
import dev.rooms.server.room.RoomNotFoundException;
import dev.rooms.server.room.RoomService;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Authenticates a socket before the upgrade: an access token from {@code Authorization: Bearer} or, since
 * browsers cannot set headers on a WebSocket, from {@code ?token=}; then an active room. A refusal is a
 * plain HTTP answer in the API's error shape: 401 for token problems, 404 for a missing or deleted room, 400
 * {@code {"events": [...]}} for an unknown name in the {@code ?events=} opt-in.
 */
final class HandshakeAuthentication implements HandshakeInterceptor {

    private static final Logger log = LoggerFactory.getLogger(HandshakeAuthentication.class);

    private final TokenService tokens;
    private final RoomService rooms;
    private final JsonErrorWriter errors;

    HandshakeAuthentication(TokenService tokens, RoomService rooms, JsonErrorWriter errors) {
        this.tokens = tokens;
        this.rooms = rooms;
        this.errors = errors;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        HttpServletRequest servlet = ((ServletServerHttpRequest) request).getServletRequest();
        String token = token(request, servlet);
        if (token == null) {
            return refuse(response, errors, HttpStatus.UNAUTHORIZED, "Authentication credentials were not provided.");
        }
        AccessToken access;
        try {
            access = tokens.verifyAccessToken(token);
        } catch (InvalidTokenException e) {
            return refuse(response, errors, HttpStatus.UNAUTHORIZED, e.getMessage());
        }
        servlet.setAttribute(RequestLogFilter.USER_ID_ATTRIBUTE, access.userId()); // a ?token= skips the token filter
        long roomId = ChatPath.roomId(servlet.getRequestURI().substring(servlet.getContextPath().length()));
        if (roomId < 0) {
            return refuse(response, errors, HttpStatus.NOT_FOUND, "Not found.");
        }
        try {
            rooms.requireActiveRoomCached(roomId);
        } catch (RoomNotFoundException e) {
            return refuse(response, errors, HttpStatus.NOT_FOUND, "Not found.");
        }
        Set<LiveEvent> events;
        try {
            events = LiveEvent.parse(servlet.getParameter("events"));
        } catch (IllegalArgumentException e) {
            return refuse(response, errors, HttpStatus.BAD_REQUEST, Map.of("events", List.of(e.getMessage())));
        }
        attributes.put(HandshakeIdentity.ATTRIBUTE,
                new HandshakeIdentity(access.userId(), roomId, access.expiresAt(), events));
        return true;
    }

    private static String token(ServerHttpRequest request, HttpServletRequest servlet) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && !header.substring(7).isBlank()) {
            return header.substring(7).strip();
        }
        String query = servlet.getParameter("token");
        return query == null || query.isBlank() ? null : query;
    }

    /** Answers a refused handshake in the API's error shape; returns false, to be returned by the interceptor. */
    static boolean refuse(ServerHttpResponse response, JsonErrorWriter errors, HttpStatus status, String detail) {
        return refuse(response, errors, status, JsonErrorWriter.detailBody(detail));
    }

    /** Answers a refused handshake with the given JSON body; returns false, to be returned by the interceptor. */
    private static boolean refuse(ServerHttpResponse response, JsonErrorWriter errors, HttpStatus status, Map<String, ?> body) {
        log.debug("Refusing a WebSocket handshake with {}: {}", status.value(), body);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\"");
        }
        try {
            errors.write(response, status, body);
        } catch (IOException e) {
            log.debug("Could not write the handshake refusal: {}", e.toString());
        }
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                               WebSocketHandler handler, Exception exception) {
        // Nothing to do once upgraded.
    }
}
