package dev.rooms.server.live;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rooms.testing.ApiClient;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A real WebSocket client that records what it receives, to assert on in order. */
final class SocketClient extends WebSocketClient {

    /** How a socket was closed, as the client saw it. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Closed> closed = new CompletableFuture<>();
    /** Pings received from the server (each answered with a pong, as Java-WebSocket does by itself). */
    final AtomicInteger pings = new AtomicInteger();

    private SocketClient(URI uri, Map<String, String> headers) {
        super(uri, headers);
        setConnectionLostTimeout(0); // the server pings; the client only answers
    }

    /** Connects with the token in the {@code Authorization} header and waits for the upgrade. */
    static SocketClient open(int port, long roomId, String token) {
        return connected(new SocketClient(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + roomId + "/"),
                Map.of("Authorization", "Bearer " + token)));
    }

    /** Connects opting into extra events ({@code ?events=}, e.g. {@code presence,typing,edits}). */
    static SocketClient open(int port, long roomId, String token, String events) {
        return connected(new SocketClient(
                URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + roomId + "/?events=" + events),
                Map.of("Authorization", "Bearer " + token)));
    }

    /**
     * Connects without insisting that the socket is still open when the handshake returns: for a connection
     * the server accepts and closes at once (1011 while the broker is down).
     */
    static SocketClient attempt(int port, long roomId, String token) {
        SocketClient client = new SocketClient(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + roomId + "/"),
                Map.of("Authorization", "Bearer " + token));
        try {
            client.connectBlocking(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return client;
    }

    /** Connects with the token in the {@code Authorization} header and the given extra headers. */
    static SocketClient open(int port, long roomId, String token, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Authorization", "Bearer " + token);
        return connected(new SocketClient(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + roomId + "/"), all));
    }

    /** Connects with the token as {@code ?token=}, as a browser would. */
    static SocketClient openWithQueryToken(int port, long roomId, String token) {
        return connected(new SocketClient(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + roomId + "/?token=" + token),
                Map.of()));
    }

    private static SocketClient connected(SocketClient client) {
        try {
            assertThat(client.connectBlocking(10, TimeUnit.SECONDS)).as("connected").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return client;
    }

    /** The next frame, waiting up to 10 seconds. */
    JsonNode next() {
        try {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 10 s").isNotNull();
            return ApiClient.JSON.readTree(frame);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every frame received and not yet taken, without waiting. */
    List<JsonNode> takeReceived() {
        List<String> taken = new ArrayList<>();
        frames.drainTo(taken);
        return taken.stream().map(ApiClient.JSON::readTree).toList();
    }

    /** The close as seen by the client, waiting up to {@code seconds}. */
    Closed awaitClose(int seconds) {
        try {
            return closed.get(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + seconds + " s", e);
        }
    }

    void sendJson(Object value) {
        send(ApiClient.JSON.writeValueAsString(value));
    }

    boolean nothingReceived() {
        return frames.isEmpty();
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        frames.add(message);
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        frames.add("binary:" + bytes.remaining());
    }

    @Override
    public void onWebsocketPing(WebSocket connection, Framedata ping) {
        pings.incrementAndGet();
        super.onWebsocketPing(connection, ping);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closed.complete(new Closed(code, reason));
    }

    @Override
    public void onError(Exception ex) {
    }
}
