package dev.rooms.server.live;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rooms.server.ratelimit.ChatAdmission;
import dev.rooms.server.ratelimit.LiveLimits;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
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
 */
final class ChatWebSocketHandler implements WebSocketHandler {

    static final CloseStatus TOO_BIG = new CloseStatus(1009, "message too big");
    static final CloseStatus OVERLOADED = new CloseStatus(1013, "room overloaded, try again later");
    static final CloseStatus FLOODING = new CloseStatus(1008, "too many messages");
    /** Tomcat's per-session limit for blocking writes (pings, close frames), in milliseconds. */
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
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
     * Runs closes: a close frame to a stalled peer may wait up to the send timeout, which must not hold up
     * the thread that decided to close (often one delivering to a whole room).
     */
    private volatile ExecutorService closer;

    ChatWebSocketHandler(RoomSessionRegistry registry, FrameDecoder decoder, RoomSequencer chat, SignalRelay signals,
                         RoomPresence presence, LiveLimits limits, LiveProperties properties, JsonMapper json,
                         LiveMetrics metrics) {
        this.registry = registry;
        this.decoder = decoder;
        this.chat = chat;
        this.signals = signals;
        this.presence = presence;
        this.limits = limits;
        this.properties = properties;
        this.json = json;
        this.metrics = metrics;
        this.closer = newCloser();
    }

    private static ExecutorService newCloser() {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "rooms-ws-close-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the close threads again after a {@link #stop()} (a stopped application context may be restarted). */
    void start() {
        if (closer.isShutdown()) {
            closer = newCloser();
        }
    }

    /** Where connections run their closes. */
    Executor closer() {
        return task -> closer.execute(task);
    }

    /** Lets pending closes finish (bounded) and stops the close threads. */
    void stop() {
        closer.shutdown();
        try {
            closer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Session jakarta = ((NativeWebSocketSession) session).getNativeSession(Session.class);
        jakarta.getUserProperties().put(BLOCKING_SEND_TIMEOUT, properties.sendTimeout().toMillis());
        RemoteEndpoint.Async remote = jakarta.getAsyncRemote();
        remote.setSendTimeout(properties.sendTimeout().toMillis());
        LiveConnection connection = (LiveConnection) session.getAttributes().get(RoomSubscription.CONNECTION);
        if (connection == null) {
            // Joining the room failed at the handshake: the broker is down.
            HandshakeIdentity identity = (HandshakeIdentity) session.getAttributes().get(HandshakeIdentity.ATTRIBUTE);
            connection = new LiveConnection("unjoined", identity.userId(), identity.roomId(), identity.tokenExpiresAt(),
                    properties.sendBufferLimit().toBytes(), closer());
            session.getAttributes().put(RoomSubscription.CONNECTION, connection);
            connection.close(RoomSessionRegistry.BROKER_FAILED);
        }
        connection.attach(session, remote);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        LiveConnection connection = (LiveConnection) session.getAttributes().get(RoomSubscription.CONNECTION);
        long limit = properties.maxFrameSize().toBytes();
        try {
            if (message instanceof TextMessage text) {
                String whole = connection.appendInbound(text.getPayload(), text.isLast(), limit);
                if (whole != null) {
                    dispatch(connection, decoder.decode(whole));
                }
            } else if (message instanceof BinaryMessage binary) {
                connection.skipBinary(binary.getPayloadLength(), binary.isLast(), limit);
                if (binary.isLast()) {
                    log.debug("Dropping a binary frame from {}", connection);
                }
            } else if (message instanceof PongMessage) {
                connection.touch();
            }
        } catch (FrameTooLargeException e) {
            log.info("Closing {}: {} exceeds the limit of {} bytes", connection, e.getMessage(), limit);
            connection.close(TOO_BIG);
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
                connection.send(refused.refusal().errorFrame(json, refused.nonce()));
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
                    connection.send(ChatRefusal.throttled(admission.retryAfterSeconds()).errorFrame(json, nonce));
                }
            }
        }
        return false;
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
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
        return true;
    }
}
