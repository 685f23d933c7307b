package dev.rooms.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.internal.ws.RealWebSocket;

/**
 * A small stand-in for the Rooms server on MockWebServer: one room ({@value #ROOM_ID}) with stored messages, its
 * history endpoint (with {@code after} and {@code limit}), token refresh, a room list, and the live WebSocket that
 * stores chat frames and broadcasts them with the sender's nonce (or refuses them as the real server does, with an
 * error frame to a sender that gave a nonce), and relays signals with {@code sender_id}.
 */
public final class FakeRoomServer implements AutoCloseable {

    public static final long ROOM_ID = 1;
    public static final String ROOM_JSON = "{\"id\":1,\"name\":\"Lobby\",\"description\":\"\",\"creator\":{\"id\":1,"
            + "\"email\":\"bot@example.com\",\"name\":\"Bot\"},\"room_type\":\"chat\","
            + "\"created_at\":\"2024-01-01T00:00:00Z\",\"is_active\":true}";
    /** A chat frame with this content blocks the server's reader for that socket: it stops answering pings. */
    public static final String FREEZE = "__freeze__";
    /** A chat message with this content is refused as the real server refuses one over its rate limit. */
    public static final String THROTTLE = "__throttle__";
    /** The {@code retry_after} of that refusal, in seconds. */
    public static final long THROTTLE_SECONDS = 7;

    /** The real server's default content limit, in code points. */
    public static final int MAX_CONTENT = 16_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> DETAILS = Map.of(
            "content_missing", "This field is required.",
            "content_not_string", "Not a valid string.",
            "content_blank", "This field may not be blank.",
            "content_too_long", "Ensure this field has no more than " + MAX_CONTENT + " characters.");

    private final MockWebServer server = new MockWebServer();
    private final List<ObjectNode> messages = new CopyOnWriteArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final List<Peer> open = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedRequest> handshakes = new LinkedBlockingQueue<>();
    private final List<Long> handshakeNanos = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> historyRequests = new LinkedBlockingQueue<>();
    private final Queue<MockResponse> handshakeAnswers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final CountDownLatch unfreeze = new CountDownLatch(1);
    private volatile CountDownLatch historyGate;

    public FakeRoomServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return answer(request);
            }
        });
        server.start();
    }

    public String baseUrl() {
        return server.url("/").toString();
    }

    /** Stores a message from another user and broadcasts it to every open socket. */
    public long post(String content) {
        return storeAndBroadcast(2, "other@example.com", "Other", content, null);
    }

    /** Stores a message without broadcasting it, as if it was sent while this client was away. */
    public long storeOnly(String content) {
        return store(2, "other@example.com", "Other", content).get("id").asLong();
    }

    /** Sends a raw frame to every open socket. */
    public void sendToAll(String frame) {
        open.forEach(peer -> peer.socket.send(frame));
    }

    /** Answers the next handshakes with these responses instead of upgrading. */
    public void rejectNextHandshakes(MockResponse... answers) {
        handshakeAnswers.addAll(List.of(answers));
    }

    /** Holds history requests until the returned latch is counted down. */
    public CountDownLatch gateHistory() {
        CountDownLatch gate = new CountDownLatch(1);
        historyGate = gate;
        return gate;
    }

    public Peer nextPeer() throws InterruptedException {
        Peer peer = accepted.poll(5, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("no WebSocket connection within 5 s");
        }
        return peer;
    }

    /** Returns the next accepted socket within a short wait, or null: for asserting that none comes. */
    public Peer peerWithin(Duration wait) throws InterruptedException {
        return accepted.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public RecordedRequest nextHandshake() throws InterruptedException {
        RecordedRequest request = handshakes.poll(5, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no handshake within 5 s");
        }
        return request;
    }

    public RecordedRequest handshakeWithin(Duration wait) throws InterruptedException {
        return handshakes.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the target (path and query) of the next history request. */
    public String nextHistoryRequest() throws InterruptedException {
        String target = historyRequests.poll(5, TimeUnit.SECONDS);
        if (target == null) {
            throw new AssertionError("no history request within 5 s");
        }
        return target;
    }

    /** Returns when each handshake arrived ({@link System#nanoTime()}), in order. */
    public List<Long> handshakeNanos() {
        return List.copyOf(handshakeNanos);
    }

    public int refreshes() {
        return refreshes.get();
    }

    @Override
    public void close() {
        unfreeze.countDown();
        CountDownLatch gate = historyGate;
        if (gate != null) {
            gate.countDown();
        }
        open.forEach(Peer::drop);
        server.close();
    }

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
        String path = request.getUrl().encodedPath();
        if (path.equals("/ws/chat/" + ROOM_ID + "/")) {
            handshakeNanos.add(System.nanoTime());
            handshakes.add(request);
            MockResponse rejection = handshakeAnswers.poll();
            return rejection != null ? rejection : new MockResponse.Builder().webSocketUpgrade(new Peer()).build();
        }
        if (path.equals("/api/rooms/" + ROOM_ID + "/messages/")) {
            CountDownLatch gate = historyGate;
            historyRequests.add(request.getTarget());
            if (gate != null) {
                gate.await(5, TimeUnit.SECONDS);
            }
            String after = request.getUrl().queryParameter("after");
            String limit = request.getUrl().queryParameter("limit");
            long afterId = after == null ? 0 : Long.parseLong(after);
            List<ObjectNode> matching = messages.stream().filter(m -> m.get("id").asLong() > afterId).toList();
            if (limit != null) {
                // As the real server: with after the first N after it, without it the newest N.
                int max = Math.min(Integer.parseInt(limit), matching.size());
                matching = after != null ? matching.subList(0, max)
                        : matching.subList(matching.size() - max, matching.size());
            }
            ArrayNode history = JSON.createArrayNode();
            matching.forEach(history::add);
            return json(200, history.toString());
        }
        if (path.equals("/auth/token/refresh/")) {
            refreshes.incrementAndGet();
            return json(200, "{\"access\":\"" + TestTokens.access(Duration.ofHours(24)) + "\"}");
        }
        if (path.equals("/auth/login/")) {
            var tokens = TestTokens.longLived();
            return json(200, "{\"refresh\":\"" + tokens.refresh() + "\",\"access\":\"" + tokens.access() + "\"}");
        }
        if (path.equals("/auth/profile/")) {
            return json(200, "{\"id\":1,\"email\":\"bot@example.com\",\"name\":\"Bot\","
                    + "\"date_joined\":\"2024-01-01T00:00:00Z\"}");
        }
        if (path.equals("/api/rooms/")) {
            return request.getMethod().equals("POST") ? json(201, ROOM_JSON) : json(200, "[" + ROOM_JSON + "]");
        }
        if (path.equals("/auth/register/")) {
            return json(201, "{\"id\":1,\"email\":\"bot@example.com\",\"name\":\"Bot\","
                    + "\"date_joined\":\"2024-01-01T00:00:00Z\"}");
        }
        if (path.equals("/auth/logout/")) {
            return json(200, "{\"message\":\"Successfully logged out\"}");
        }
        return json(404, "{\"detail\":\"Not found.\"}");
    }

    private ObjectNode store(long userId, String email, String name, String content) {
        synchronized (messages) {
            ObjectNode message = JSON.createObjectNode();
            message.put("id", nextId.getAndIncrement());
            message.putObject("user").put("id", userId).put("email", email).put("name", name);
            message.put("content", content);
            message.put("created_at", Instant.now().toString());
            messages.add(message);
            return message;
        }
    }

    /**
     * Stores and broadcasts under one lock, so that frames go out in id order as the real server sends them: a
     * client drops a message whose id is not above the last one it delivered.
     */
    private long storeAndBroadcast(long userId, String email, String name, String content, String nonce) {
        synchronized (messages) {
            ObjectNode broadcast = store(userId, email, name, content).deepCopy();
            if (nonce != null) {
                broadcast.put("nonce", nonce);
            }
            String frame = broadcast.toString();
            open.forEach(peer -> peer.socket.send(frame));
            return broadcast.get("id").asLong();
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    /** The server's side of one WebSocket connection. */
    public final class Peer extends WebSocketListener {

        private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final CountDownLatch closed = new CountDownLatch(1);
        private volatile WebSocket socket;
        private volatile int closeCode;

        /** Returns the next frame the client sent on this socket. */
        public JsonNode nextFrame() throws InterruptedException {
            JsonNode frame = frames.poll(5, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within 5 s");
            }
            return frame;
        }

        /** Breaks the TCP connection without a close frame. */
        public void drop() {
            open.remove(this);
            // A server-side WebSocket has no Call to cancel; failing it closes its socket the same abrupt way.
            ((RealWebSocket) socket).failWebSocket(new IOException("dropped by the test"), null, false);
        }

        /** Closes with a close frame. */
        public void close(int code, String reason) {
            open.remove(this);
            socket.close(code, reason);
        }

        /** Waits for the client's close frame (or the socket's end) and returns the code, 0 if none came. */
        public int awaitClosed() throws InterruptedException {
            if (!closed.await(5, TimeUnit.SECONDS)) {
                throw new AssertionError("socket not closed within 5 s");
            }
            return closeCode;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            open.add(this);
            accepted.add(this);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            frames.add(frame);
            String type = frame.path("type").asText("");
            if (type.startsWith("webrtc-")) {
                ObjectNode relayed = ((ObjectNode) frame).deepCopy().put("sender_id", 1);
                open.stream().filter(peer -> peer != this).forEach(peer -> peer.socket.send(relayed.toString()));
                return;
            }
            String content = frame.path("content").asText("");
            if (content.equals(FREEZE)) {
                try {
                    unfreeze.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            if (content.equals(THROTTLE) && frame.hasNonNull("nonce")) {
                webSocket.send(JSON.createObjectNode().put("type", "error").put("nonce", frame.get("nonce").asText())
                        .put("code", "throttled").put("retry_after", THROTTLE_SECONDS)
                        .put("detail", "Request was throttled. Expected available in 7 seconds.").toString());
                return;
            }
            String refusal = refusal(frame.get("content"));
            if (refusal != null) {
                // As the real server: the sender is told only if it sent a nonce.
                if (frame.hasNonNull("nonce")) {
                    webSocket.send(JSON.createObjectNode().put("type", "error").put("nonce", frame.get("nonce").asText())
                            .put("code", refusal).put("detail", DETAILS.get(refusal)).toString());
                }
            } else {
                storeAndBroadcast(1, "bot@example.com", "Bot", content,
                        frame.hasNonNull("nonce") ? frame.get("nonce").asText() : null);
            }
        }

        private static String refusal(JsonNode content) {
            if (content == null || content.isNull()) {
                return "content_missing";
            }
            if (!content.isTextual()) {
                return "content_not_string";
            }
            if (content.asText().isBlank()) {
                return "content_blank";
            }
            String text = content.asText();
            return text.codePointCount(0, text.length()) > MAX_CONTENT ? "content_too_long" : null;
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCode = code;
            open.remove(this);
            webSocket.close(code, null);
            closed.countDown();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            open.remove(this);
            closed.countDown();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            open.remove(this);
            closed.countDown();
        }
    }
}
