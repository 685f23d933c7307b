package dev.rooms.server.live;

import java.util.concurrent.Executor;

import dev.rooms.server.ratelimit.ChatAdmission;
import dev.rooms.server.ratelimit.LiveLimits;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * The room socket: decodes each frame and hands it on, chat to the {@link RoomSequencer}, signals through
 * the {@link SignalRelay}, typing to {@link RoomPresence}. A refused chat message is answered with an error frame to its sender if it carried
 * a nonce; anything else is dropped with a log line. The socket stays open.
 *
 * <p>Jetty hands over whole messages, assembled up to the frame limit ({@link LiveConfiguration} sets it);
 * a larger one makes Jetty close the socket with 1009 itself.
 */
final class ChatWebSocketHandler implements WebSocketHandler {

    static final CloseStatus TOO_BIG = new CloseStatus(1009, "message too big");
    static final CloseStatus OVERLOADED = new CloseStatus(1013, "room overloaded, try again later");
    static final CloseStatus FLOODING = new CloseStatus(1008, "too many messages");
    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);

    private final RoomSessionRegistry registry;
    private final FrameDecoder decoder;
    private final RoomSequencer chat;
    private final SignalRelay signals;
    private final RoomPresence presence;
    private final LiveLimits limits;
    private final LiveProperties properties;
    private final JsonMapper json;
    private final LiveMetrics metrics;
    /**
     * Runs closes: the close frame goes out on another thread than the one that decided to close (often one
     * delivering to a whole room under its lock), because Jetty may finish the close, and call back into the
     * registry, on the thread that sends it.
     */
    private final Executor closer;

    ChatWebSocketHandler(RoomSessionRegistry registry, FrameDecoder decoder, RoomSequencer chat, SignalRelay signals,
                         RoomPresence presence, LiveLimits limits, LiveProperties properties, JsonMapper json,
                         LiveMetrics metrics, Executor closer) {
        this.registry = registry;
        this.decoder = decoder;
        this.chat = chat;
        this.signals = signals;
        this.presence = presence;
        this.limits = limits;
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
        this.closer = closer;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        LiveConnection connection = (LiveConnection) session.getAttributes().get(RoomSubscription.CONNECTION);
        if (connection == null) {
            // Joining the room failed at the handshake: the broker is down.
            HandshakeIdentity identity = (HandshakeIdentity) session.getAttributes().get(HandshakeIdentity.ATTRIBUTE);
            connection = new LiveConnection("unjoined", identity.userId(), identity.roomId(), identity.tokenExpiresAt(),
                    properties.sendBufferLimit().toBytes(), closer);
            session.getAttributes().put(RoomSubscription.CONNECTION, connection);
            connection.close(RoomSessionRegistry.BROKER_FAILED);
        }
        // Jetty's core session takes a frame whose payload is a shared buffer: a broadcast is encoded only once.
        Session jetty = ((NativeWebSocketSession) session).getNativeSession(Session.class);
        connection.attach(((org.eclipse.jetty.websocket.common.WebSocketSession) jetty).getCoreSession(),
                properties.sendTimeout());
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        LiveConnection connection = (LiveConnection) session.getAttributes().get(RoomSubscription.CONNECTION);
        connection.touch();
        if (message instanceof TextMessage text) {
            dispatch(connection, decoder.decode(text.getPayload()));
        } else if (message instanceof BinaryMessage) {
            log.debug("Dropping a binary frame from {}", connection);
        }
    }

    private void dispatch(LiveConnection connection, InboundFrame frame) {
        boolean chatFrame = frame instanceof InboundFrame.Chat || frame instanceof InboundFrame.Refused;
        if (chatFrame && !admitted(connection, frame)) {
            return;
        }
        boolean accepted = true;
        if (frame instanceof InboundFrame.Chat message) {
            accepted = chat.submitChat(connection.roomId(),
                    new ChatPost(connection.userId(), message.content(), message.nonce()));
        } else if (frame instanceof InboundFrame.Signal signal) {
            accepted = signals.relay(connection, signal);
        } else if (frame instanceof InboundFrame.Typing) {
            presence.typing(connection);
        } else if (frame instanceof InboundFrame.Refused refused) {
            log.debug("Refusing a chat message from {}: {}", connection, refused.refusal().code());
            if (refused.nonce() != null) {
                // Through the connection's queue, like every frame to it, so it cannot interleave with broadcasts.
                connection.send(TextFrame.of(refused.refusal().errorFrame(json, refused.nonce())));
            }
        } else if (frame instanceof InboundFrame.Dropped dropped) {
            log.debug("Dropping a frame from {}: {}", connection, dropped.reason());
        }
        if (!accepted) {
            log.warn("Closing {}: its room's queue stayed full", connection);
            connection.close(OVERLOADED);
        }
    }

    /**
     * Applies the chat rate limits to a chat frame (refused ones too: a flood of blank messages is a flood). Over
     * the limit the sender is told with a {@code throttled} error frame if it sent a nonce; a connection that keeps
     * going is closed with 1008.
     */
    private boolean admitted(LiveConnection connection, InboundFrame frame) {
        ChatAdmission admission = limits.admitChat(connection.id(), connection.userId());
        switch (admission.outcome()) {
            case ADMITTED -> {
                return true;
            }
            case FLOODING -> {
                log.info("Closing {}: it went on sending chat messages past its rate limit", connection);
                connection.close(FLOODING);
            }
            case THROTTLED -> {
                String nonce = frame instanceof InboundFrame.Chat message ? message.nonce()
                        : ((InboundFrame.Refused) frame).nonce();
                if (nonce != null) {
                    connection.send(TextFrame.of(ChatRefusal.throttled(admission.retryAfterSeconds()).errorFrame(json, nonce)));
                }
            }
        }
        return false;
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        LiveConnection connection = (LiveConnection) session.getAttributes().get(RoomSubscription.CONNECTION);
        if (exception instanceof MessageTooLargeException && connection != null) {
            // Jetty has sent the 1009 already; this is the server's close all the same.
            log.info("Closing {}: a message over the limit of {} bytes", connection, properties.maxFrameSize().toBytes());
            connection.closingForLimit(TOO_BIG);
            return;
        }
        log.debug("Transport error on socket {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        LiveConnection connection = (LiveConnection) session.getAttributes().get(RoomSubscription.CONNECTION);
        if (connection != null) {
            metrics.closed(connection.serverCloseStatus(), status);
            connection.closed();
            registry.leave(connection);
            presence.closed(connection);
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return false;
    }
}
