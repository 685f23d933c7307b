package dev.rooms.server.live;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Runs after {@link HandshakeAuthentication}: creates the {@link LiveConnection} and joins it to its room
 * (subscribing this process at the broker if needed) before the upgrade answer goes out, so a client
 * receives everything sent to the room once it sees itself connected, from this process or another. If
 * the broker is down the upgrade still happens and the socket is then closed with 1011, the spec's code
 * for a channel-layer failure.
 */
final class RoomSubscription implements HandshakeInterceptor {

    /** Attribute holding the joined {@link LiveConnection}; absent when joining failed. */
    static final String CONNECTION = LiveConnection.class.getName();
    private static final Logger log = LoggerFactory.getLogger(RoomSubscription.class);

    /** Tells this process's connections apart from other processes' in a signal's origin. */
    private final String processId = UUID.randomUUID().toString();
    private final AtomicLong counter = new AtomicLong();
    private final RoomSessionRegistry registry;
    private final RoomPresence presence;
    private final LiveProperties properties;
    private final Executor closer;
    private final BrokerOutage outage;

    RoomSubscription(RoomSessionRegistry registry, RoomPresence presence, LiveProperties properties, Executor closer,
                     BrokerOutage outage) {
        this.registry = registry;
        this.presence = presence;
        this.outage = outage;
        this.properties = properties;
        this.closer = closer;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                   WebSocketHandler handler, Map<String, Object> attributes) {
        HandshakeIdentity identity = (HandshakeIdentity) attributes.get(HandshakeIdentity.ATTRIBUTE);
        LiveConnection connection = new LiveConnection(processId + "/" + counter.incrementAndGet(),
                identity.userId(), identity.roomId(), identity.tokenExpiresAt(), identity.events(),
                properties.sendBufferLimit().toBytes(), closer);
        try {
            registry.join(connection);
            presence.opened(connection);
            attributes.put(CONNECTION, connection);
            ((ServletServerHttpRequest) request).getServletRequest().setAttribute(CONNECTION, connection);
        } catch (BrokerUnavailableException e) {
            // Counted, not logged one by one: during an outage every attempt fails, and the outage is logged once.
            outage.refusedConnection(identity.roomId(), e.getMessage());
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response,
                               WebSocketHandler handler, Exception exception) {
        // A connection whose upgrade did not happen must leave again, or its room would stay subscribed.
        Object connection = ((ServletServerHttpRequest) request).getServletRequest().getAttribute(CONNECTION);
        boolean upgraded = exception == null
                && ((ServletServerHttpResponse) response).getServletResponse().getStatus() == 101;
        if (connection != null && !upgraded) {
            log.debug("Upgrade of {} failed: {}", connection, exception == null ? "refused" : exception.toString());
            registry.leave((LiveConnection) connection);
            presence.closed((LiveConnection) connection);
        }
    }
}
