package dev.rooms.sdk;

import static dev.rooms.sdk.FakeRoomServer.ROOM_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rooms.sdk.FakeRoomServer.Peer;
import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.Tokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomConnectionTest {

    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200),
            2.0, 0.2, 0);

    private FakeRoomServer server;
    private final TokenStore store = TokenStore.inMemory();
    private final Tokens tokens = TestTokens.longLived();
    private final RecordingListener listener = new RecordingListener();
    private final List<RoomConnection> connections = new ArrayList<>();
    private RoomsClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeRoomServer();
        store.save(tokens);
        client = clientBuilder().build();
    }

    @AfterEach
    void stop() {
        connections.forEach(RoomConnection::close);
        server.close();
    }

    private RoomsClient.Builder clientBuilder() {
        return RoomsClient.builder().baseUrl(server.baseUrl()).tokenStore(store).userAgent("live-test/1.0")
                .reconnectPolicy(FAST);
    }

    private RoomConnection connect(RoomsClient with) {
        RoomConnection connection = with.connect(ROOM_ID, listener);
        connections.add(connection);
        return connection;
    }

    private Peer connectAndOpen() throws InterruptedException {
        connect(client);
        listener.expectState(ConnectionState.CONNECTING);
        Peer peer = server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        return peer;
    }

    @Test
    void connectAuthenticatesTheHandshakeAndLearnsTheNewestMessageFirst() throws Exception {
        server.storeOnly("older news");
        server.storeOnly("old news");

        RoomConnection connection = connect(client);

        listener.expectState(ConnectionState.CONNECTING);
        listener.expectState(ConnectionState.OPEN);
        assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
        assertThat(connection.roomId()).isEqualTo(ROOM_ID);
        RecordedRequest handshake = server.nextHandshake();
        assertThat(handshake.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(handshake.getHeaders().get("User-Agent")).isEqualTo("live-test/1.0");
        assertThat(server.nextHistoryRequest()).isEqualTo("/api/rooms/1/messages/?limit=1");
        assertThat(server.nextHistoryRequest()).isEqualTo("/api/rooms/1/messages/?after=2");
        listener.expectNoMoreEvents(Duration.ofMillis(100));
    }

    @Test
    void connectInAnEmptyRoomStartsAfterIdZeroAndDeliversTheFirstLiveMessage() throws Exception {
        connect(client);
        listener.expectState(ConnectionState.CONNECTING);
        server.nextPeer();
        listener.expectState(ConnectionState.OPEN);

        long id = server.post("first ever");

        assertThat(listener.expectMessage().id()).isEqualTo(id);
        assertThat(server.nextHistoryRequest()).isEqualTo("/api/rooms/1/messages/?limit=1");
        assertThat(server.nextHistoryRequest()).isEqualTo("/api/rooms/1/messages/?after=0");
        listener.expectNoMoreEvents(Duration.ofMillis(100));
    }

    @Test
    void connectAfterAnIdDeliversThatHistoryBeforeLiveMessages() throws Exception {
        server.storeOnly("one");
        server.storeOnly("two");
        connections.add(client.connect(ROOM_ID, 0, listener));
        listener.expectState(ConnectionState.CONNECTING);
        server.nextPeer();

        assertThat(listener.expectMessage().content()).isEqualTo("one");
        assertThat(listener.expectMessage().content()).isEqualTo("two");
        listener.expectState(ConnectionState.OPEN);
        server.post("three");
        assertThat(listener.expectMessage().content()).isEqualTo("three");
        assertThat(server.nextHistoryRequest()).isEqualTo("/api/rooms/1/messages/?after=0");
    }

    @Test
    void receivesChatMessagesOnTheConnectionsCallbackThread() throws Exception {
        connectAndOpen();

        long id = server.post("Hello, everyone!");

        Message message = listener.expectMessage();
        assertThat(message.id()).isEqualTo(id);
        assertThat(message.content()).isEqualTo("Hello, everyone!");
        assertThat(message.user().name()).isEqualTo("Other");
        assertThat(message.nonce()).isNull();
        assertThat(listener.threads()).containsOnly("rooms-room-1-callbacks");
    }

    @Test
    void receivesEachSignalTypeWithSenderTargetAndUnknownFields() throws Exception {
        connectAndOpen();

        server.sendToAll("{\"type\":\"webrtc-offer\",\"sender_id\":5,\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\","
                + "\"x-extra\":1},\"target\":9,\"call_id\":\"c-1\"}");
        server.sendToAll("{\"type\":\"webrtc-answer\",\"sender_id\":6,\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"}}");
        server.sendToAll("{\"type\":\"webrtc-ice-candidate\",\"sender_id\":5,\"candidate\":{\"candidate\":"
                + "\"candidate:1 1 UDP 2130706431 192.168.1.1 54321 typ host\",\"sdpMLineIndex\":0,\"sdpMid\":\"0\","
                + "\"usernameFragment\":\"abc\"}}");
        server.sendToAll("{\"type\":\"webrtc-hangup\",\"sender_id\":5,\"meta\":{\"why\":[\"bye\",null]}}");
        server.sendToAll("{\"type\":\"webrtc-unknown\",\"sender_id\":5}");
        server.sendToAll("not json");

        Signal.Offer offer = (Signal.Offer) listener.expectSignal();
        assertThat(offer.offer()).isEqualTo(new SessionDescription("offer", "v=0", Map.of("x-extra", 1)));
        assertThat(offer.senderId()).isEqualTo(5L);
        assertThat(offer.target()).isEqualTo(9L);
        assertThat(offer.extras()).containsExactly(Map.entry("call_id", "c-1"));
        assertThat(offer.wireType()).isEqualTo("webrtc-offer");
        Signal.Answer answer = (Signal.Answer) listener.expectSignal();
        assertThat(answer.answer()).isEqualTo(new SessionDescription("answer", "v=1"));
        assertThat(answer.senderId()).isEqualTo(6L);
        assertThat(answer.target()).isNull();
        Signal.IceCandidate ice = (Signal.IceCandidate) listener.expectSignal();
        assertThat(ice.candidate()).isEqualTo(new Candidate("candidate:1 1 UDP 2130706431 192.168.1.1 54321 typ host",
                "0", 0, Map.of("usernameFragment", "abc")));
        Signal.Hangup hangup = (Signal.Hangup) listener.expectSignal();
        assertThat(hangup.senderId()).isEqualTo(5L);
        assertThat(hangup.extras()).containsKey("meta");
        assertThat(((Map<?, ?>) hangup.extras().get("meta")).get("why")).isEqualTo(java.util.Arrays.asList("bye", null));
        listener.expectNoMoreEvents(Duration.ofMillis(100));
    }

    @Test
    void sendCompletesWithTheStoredMessageWhenItsBroadcastComesBack() throws Exception {
        Peer peer = connectAndOpen();
        RoomConnection connection = connections.get(0);

        Message sent = connection.send("Hello from the bot").get(5, TimeUnit.SECONDS);

        JsonNode frame = peer.nextFrame();
        assertThat(frame.get("content").asText()).isEqualTo("Hello from the bot");
        assertThat(frame.get("nonce").asText()).hasSizeLessThanOrEqualTo(64).isEqualTo(sent.nonce());
        assertThat(sent.content()).isEqualTo("Hello from the bot");
        assertThat(sent.user().name()).isEqualTo("Bot");
        assertThat(listener.expectMessage()).isEqualTo(sent);
    }

    @Test
    void sendWhenTheServerRefusesFailsAtOnceWithItsReasonAndChecksNothingItself() throws Exception {
        Peer peer = connectAndOpen();
        RoomConnection connection = connections.get(0);
        String tooLong = "\uD83D\uDE00".repeat(FakeRoomServer.MAX_CONTENT + 1);

        CompletableFuture<Message> blank = connection.send("  ");
        CompletableFuture<Message> long_ = connection.send(tooLong);

        // Well before the client's 30 s send timeout.
        assertThatThrownBy(() -> blank.get(5, TimeUnit.SECONDS)).cause()
                .isExactlyInstanceOf(ValidationException.class)
                .hasMessage("This field may not be blank.")
                .satisfies(e -> {
                    ValidationException refused = (ValidationException) e;
                    assertThat(refused.code()).isEqualTo("content_blank");
                    assertThat(refused.detail()).isEqualTo("This field may not be blank.");
                    assertThat(refused.status()).isEqualTo(400);
                    assertThat(refused.fieldErrors()).isEmpty();
                });
        assertThatThrownBy(() -> long_.get(5, TimeUnit.SECONDS)).cause()
                .isExactlyInstanceOf(ValidationException.class)
                .hasMessage("Ensure this field has no more than 16000 characters.")
                .extracting(e -> ((ValidationException) e).code()).isEqualTo("content_too_long");
        assertThat(peer.nextFrame().get("content").asText()).isEqualTo("  ");
        assertThat(peer.nextFrame().get("content").asText()).isEqualTo(tooLong);
        assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
        listener.expectNoMoreEvents(Duration.ofMillis(100));
    }

    @Test
    void sendWhenTheServerThrottlesFailsWithRateLimitedExceptionCarryingTheWait() throws Exception {
        Peer peer = connectAndOpen();
        RoomConnection connection = connections.get(0);

        CompletableFuture<Message> throttled = connection.send(FakeRoomServer.THROTTLE);

        assertThatThrownBy(() -> throttled.get(5, TimeUnit.SECONDS)).cause()
                .isExactlyInstanceOf(RateLimitedException.class)
                .hasMessage("Request was throttled. Expected available in 7 seconds.")
                .satisfies(e -> {
                    RateLimitedException limited = (RateLimitedException) e;
                    assertThat(limited.code()).isEqualTo("throttled");
                    assertThat(limited.status()).isEqualTo(429);
                    assertThat(limited.retryAfter()).hasValue(Duration.ofSeconds(FakeRoomServer.THROTTLE_SECONDS));
                });
        assertThat(peer.nextFrame().get("content").asText()).isEqualTo(FakeRoomServer.THROTTLE);
        assertThat(connection.state()).isEqualTo(ConnectionState.OPEN);
        listener.expectNoMoreEvents(Duration.ofMillis(100));
    }

    @Test
    void errorFramesThatAnswerNoPendingSendAreIgnored() throws Exception {
        connectAndOpen();
        RoomConnection connection = connections.get(0);
        CompletableFuture<Message> pending = connection.send(FakeRoomServer.FREEZE);

        server.sendToAll("{\"type\":\"error\",\"nonce\":\"someone-elses\",\"code\":\"content_blank\","
                + "\"detail\":\"This field may not be blank.\"}");
        server.sendToAll("{\"type\":\"error\",\"code\":\"throttled\",\"detail\":\"Slow down.\"}");
        server.sendToAll("{\"type\":\"error\",\"id\":7,\"content\":\"not a message\"}");
        long id = server.post("after the errors");

        assertThat(listener.expectMessage().id()).isEqualTo(id);
        listener.expectNoMoreEvents(Duration.ofMillis(100));
        assertThat(pending).isNotDone();
    }

    @Test
    void sendLeavesTheLimitToTheServerSoItsLongestMessageInCodePointsGoesThrough() throws Exception {
        connectAndOpen();
        String emoji = "\uD83D\uDE00".repeat(FakeRoomServer.MAX_CONTENT);

        Message sent = connections.get(0).send(emoji).get(5, TimeUnit.SECONDS);

        assertThat(sent.content()).isEqualTo(emoji);
    }

    @Test
    void sendWhenNotOpenFailsFast() throws Exception {
        RoomConnection connection = connect(client);
        connection.close();
        listener.expectState(ConnectionState.CONNECTING);
        listener.expectClosed();

        CompletableFuture<Message> future = connection.send("anyone?");

        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isExactlyInstanceOf(TransportException.class)
                .hasMessage("Not connected to room 1 (CLOSED); nothing was sent");
        assertThat(connection.offer(new SessionDescription("offer", "v=0"))).isCompletedExceptionally();
    }

    @Test
    void sendWhenTheConnectionDropsBeforeTheBroadcastFailsAsUnconfirmed() throws Exception {
        Peer peer = connectAndOpen();
        CompletableFuture<Message> unanswered = connections.get(0).send(FakeRoomServer.FREEZE);
        peer.nextFrame();

        peer.drop();

        assertThatThrownBy(() -> unanswered.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(UnconfirmedSendException.class,
                        e -> assertThat(e.timedOut()).isFalse())
                .hasMessageContaining("may or may not have been stored");
    }

    @Test
    void receivedSignalSentOnAgainKeepsEveryFieldButTheSender() throws Exception {
        Peer peer = connectAndOpen();
        server.sendToAll("{\"type\":\"webrtc-offer\",\"sender_id\":5,\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\","
                + "\"x-extra\":{\"a\":[1,null]}},\"target\":9,\"call_id\":\"c-1\"}");
        server.sendToAll("{\"type\":\"webrtc-ice-candidate\",\"sender_id\":5,\"candidate\":{\"candidate\":"
                + "\"candidate:1\",\"sdpMid\":null,\"sdpMLineIndex\":0,\"usernameFragment\":\"abc\"},\"n\":null}");
        server.sendToAll("{\"type\":\"webrtc-hangup\",\"sender_id\":5,\"meta\":{\"why\":\"bye\"}}");
        Signal offer = listener.expectSignal();
        Signal ice = listener.expectSignal();
        Signal hangup = listener.expectSignal();

        assertThat(connections.get(0).signal(offer)).isCompleted();
        assertThat(connections.get(0).signal(ice)).isCompleted();
        assertThat(connections.get(0).signal(hangup)).isCompleted();

        assertThat(peer.nextFrame()).isEqualTo(json("{\"type\":\"webrtc-offer\",\"offer\":{\"type\":\"offer\","
                + "\"sdp\":\"v=0\",\"x-extra\":{\"a\":[1,null]}},\"target\":9,\"call_id\":\"c-1\"}"));
        assertThat(peer.nextFrame()).isEqualTo(json("{\"type\":\"webrtc-ice-candidate\",\"candidate\":{\"candidate\":"
                + "\"candidate:1\",\"sdpMid\":null,\"sdpMLineIndex\":0,\"usernameFragment\":\"abc\"},\"n\":null}"));
        assertThat(peer.nextFrame()).isEqualTo(json("{\"type\":\"webrtc-hangup\",\"meta\":{\"why\":\"bye\"}}"));
        Map<?, ?> nested = (Map<?, ?>) ((Signal.Offer) offer).offer().extras().get("x-extra");
        assertThatThrownBy(nested::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void firstConnectToAnUnreachableServerReportsEveryFailedAttemptAndKeepsTrying() throws Exception {
        RoomsClient unreachable = clientBuilder().baseUrl("http://127.0.0.1:" + closedPort()).build();

        RoomConnection connection = connect(unreachable);

        listener.expectState(ConnectionState.CONNECTING);
        listener.expectState(ConnectionState.RECONNECTING);
        for (int i = 0; i < 3; i++) {
            assertThat(listener.expectError()).isExactlyInstanceOf(TransportException.class)
                    .hasMessageStartingWith("Cannot reach http://127.0.0.1:");
        }
        assertThat(connection.state()).isEqualTo(ConnectionState.RECONNECTING);
        connection.close();
        assertThat(listener.expectClosed()).isEqualTo(new RecordingListener.Closed(1000, "closed by client"));
    }

    @Test
    void firstConnectToAnUnreachableServerGivesUpAfterMaxAttempts() throws Exception {
        RoomsClient limited = clientBuilder().baseUrl("http://127.0.0.1:" + closedPort())
                .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(20), 2.0, 0, 2)).build();

        connect(limited);

        listener.expectState(ConnectionState.CONNECTING);
        listener.expectState(ConnectionState.RECONNECTING);
        assertThat(listener.expectClosed()).isEqualTo(
                new RecordingListener.Closed(CloseCodes.ABNORMAL, "gave up after 2 reconnect attempts"));
        for (int i = 0; i < 3; i++) {
            assertThat(listener.expectError()).isInstanceOf(TransportException.class);
        }
        listener.expectNoMoreEvents(Duration.ofMillis(100));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void signalHelpersWriteTheSpecsFramesWithOptionalTarget() throws Exception {
        Peer peer = connectAndOpen();
        RoomConnection connection = connections.get(0);

        assertThat(connection.offer(new SessionDescription("offer", "v=0"), 7)).isCompleted();
        assertThat(connection.answer(new SessionDescription("answer", "v=1"))).isCompleted();
        assertThat(connection.iceCandidate(new Candidate("candidate:1", "0", 0), 7)).isCompleted();
        assertThat(connection.hangup()).isCompleted();

        assertThat(peer.nextFrame().toString())
                .isEqualTo("{\"type\":\"webrtc-offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"target\":7}");
        assertThat(peer.nextFrame().toString())
                .isEqualTo("{\"type\":\"webrtc-answer\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=1\"}}");
        assertThat(peer.nextFrame().toString()).isEqualTo("{\"type\":\"webrtc-ice-candidate\",\"candidate\":"
                + "{\"candidate\":\"candidate:1\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"target\":7}");
        assertThat(peer.nextFrame().toString()).isEqualTo("{\"type\":\"webrtc-hangup\"}");
    }

    @Test
    void afterServerDropReconnectsAndDeliversMissedMessagesOnceInOrder() throws Exception {
        Peer first = connectAndOpen();
        long one = server.post("one");
        assertThat(listener.expectMessage().id()).isEqualTo(one);
        server.nextHistoryRequest();
        server.nextHistoryRequest();
        CountDownLatch history = server.gateHistory();

        first.drop();
        listener.expectState(ConnectionState.RECONNECTING);
        server.storeOnly("two");
        server.storeOnly("three");
        server.nextPeer();
        // "four" goes out live while the catch-up request is held, so it arrives both live and in the history.
        server.post("four");
        assertThat(server.nextHistoryRequest()).isEqualTo("/api/rooms/1/messages/?after=" + one);
        history.countDown();

        assertThat(listener.expectMessage().content()).isEqualTo("two");
        assertThat(listener.expectMessage().content()).isEqualTo("three");
        assertThat(listener.expectMessage().content()).isEqualTo("four");
        listener.expectState(ConnectionState.OPEN);
        server.post("five");
        assertThat(listener.expectMessage().content()).isEqualTo("five");
        assertThat(listener.expectError()).isInstanceOf(TransportException.class);
        listener.expectNoMoreEvents(Duration.ofMillis(100));
    }

    @Test
    void keepsReconnectingWithBackoffWhileTheServerRefuses() throws Exception {
        Peer first = connectAndOpen();
        MockResponse unavailable = new MockResponse.Builder().code(503).body("{\"detail\":\"down\"}").build();
        server.rejectNextHandshakes(unavailable, unavailable, unavailable);
        server.nextHandshake();

        first.drop();

        listener.expectState(ConnectionState.RECONNECTING);
        for (int i = 0; i < 3; i++) {
            assertThat(server.nextHandshake()).isNotNull();
        }
        server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        assertThat(listener.expectError().getMessage()).contains("lost");
        assertThat(listener.expectError().getMessage()).contains("handshake rejected with 503");
    }

    @Test
    void waitsLongerBeforeEachFailedAttempt() throws Exception {
        ReconnectPolicy doubling = new ReconnectPolicy(Duration.ofMillis(80), Duration.ofSeconds(1), 2.0, 0, 0);
        RoomsClient backingOff = clientBuilder().reconnectPolicy(doubling).build();
        connect(backingOff);
        listener.expectState(ConnectionState.CONNECTING);
        Peer first = server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        MockResponse unavailable = new MockResponse.Builder().code(503).build();
        server.rejectNextHandshakes(unavailable, unavailable);

        long droppedAt = System.nanoTime();
        first.drop();

        listener.expectState(ConnectionState.RECONNECTING);
        server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        List<Long> at = server.handshakeNanos();
        assertThat(at).hasSize(4);
        // Only lower bounds: a loaded machine may be late, never early.
        assertThat(Duration.ofNanos(at.get(1) - droppedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        assertThat(Duration.ofNanos(at.get(2) - at.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(160));
        assertThat(Duration.ofNanos(at.get(3) - at.get(2))).isGreaterThanOrEqualTo(Duration.ofMillis(320));
    }

    @Test
    void givesUpAfterTheLastAllowedAttempt() throws Exception {
        RoomsClient limited = clientBuilder()
                .reconnectPolicy(new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(20), 2.0, 0, 2)).build();
        MockResponse unavailable = new MockResponse.Builder().code(503).build();
        server.rejectNextHandshakes(unavailable, unavailable, unavailable);

        connect(limited);

        listener.expectState(ConnectionState.CONNECTING);
        listener.expectState(ConnectionState.RECONNECTING);
        RecordingListener.Closed closed = listener.expectClosed();
        assertThat(closed.code()).isEqualTo(CloseCodes.ABNORMAL);
        assertThat(closed.reason()).contains("gave up after 2");
        assertThat(server.handshakeWithin(Duration.ofMillis(100))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {CloseCodes.NORMAL, CloseCodes.GOING_AWAY, CloseCodes.INTERNAL_ERROR, CloseCodes.SLOW_CONSUMER})
    void otherServerClosesReconnectAndCatchUp(int code) throws Exception {
        Peer peer = connectAndOpen();

        peer.close(code, "bye");
        long missed = server.storeOnly("while away");

        listener.expectState(ConnectionState.RECONNECTING);
        server.nextPeer();
        assertThat(listener.expectMessage().id()).isEqualTo(missed);
        listener.expectState(ConnectionState.OPEN);
        assertThat(listener.expectError()).hasMessageContaining("lost (" + code + " bye)");
    }

    @Test
    void sendWithoutBroadcastFailsAfterTheSendTimeout() throws Exception {
        RoomsClient impatient = clientBuilder().sendTimeout(Duration.ofMillis(200)).build();
        connect(impatient);
        listener.expectState(ConnectionState.CONNECTING);
        server.nextPeer();
        listener.expectState(ConnectionState.OPEN);

        CompletableFuture<Message> unanswered = connections.get(0).send(FakeRoomServer.FREEZE);

        assertThatThrownBy(() -> unanswered.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(UnconfirmedSendException.class,
                        e -> assertThat(e.timedOut()).isTrue())
                .hasMessage("No confirmation of the message within 200 ms; it may or may not have been stored")
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(connections.get(0).state()).isEqualTo(ConnectionState.OPEN);
    }

    @Test
    void listenerThatThrowsDoesNotStopLaterEvents() throws Exception {
        RoomListener throwing = new RoomListener() {
            @Override
            public void onMessage(RoomConnection connection, Message message) {
                listener.onMessage(connection, message);
                throw new IllegalStateException("bot bug");
            }

            @Override
            public void onStateChanged(RoomConnection connection, ConnectionState state) {
                listener.onStateChanged(connection, state);
            }
        };
        connections.add(client.connect(ROOM_ID, throwing));
        listener.expectState(ConnectionState.CONNECTING);
        server.nextPeer();
        listener.expectState(ConnectionState.OPEN);

        server.post("first");
        server.post("second");

        assertThat(listener.expectMessage().content()).isEqualTo("first");
        assertThat(listener.expectMessage().content()).isEqualTo("second");
    }

    @Test
    void roomDeletedCloseEndsTheConnectionWithoutReconnecting() throws Exception {
        Peer peer = connectAndOpen();
        server.nextHandshake();

        peer.close(CloseCodes.ROOM_DELETED, "room deleted");

        RecordingListener.Closed closed = listener.expectClosed();
        assertThat(closed).isEqualTo(new RecordingListener.Closed(4004, "room deleted"));
        assertThat(connections.get(0).state()).isEqualTo(ConnectionState.CLOSED);
        assertThat(server.handshakeWithin(Duration.ofMillis(300))).isNull();
        listener.expectNoMoreEvents(Duration.ofMillis(50));
    }

    @Test
    void accountDeletedCloseEndsTheConnectionWithoutReconnecting() throws Exception {
        Peer peer = connectAndOpen();
        server.nextHandshake();

        peer.close(CloseCodes.ACCOUNT_DELETED, "account deleted");

        assertThat(listener.expectClosed().code()).isEqualTo(4003);
        assertThat(server.handshakeWithin(Duration.ofMillis(300))).isNull();
    }

    @Test
    void tokenExpiredCloseRefreshesTheTokenThenReconnects() throws Exception {
        Peer peer = connectAndOpen();
        server.nextHandshake();

        peer.close(CloseCodes.TOKEN_EXPIRED, "token expired");

        listener.expectState(ConnectionState.RECONNECTING);
        RecordedRequest again = server.nextHandshake();
        listener.expectState(ConnectionState.OPEN);
        assertThat(server.refreshes()).isEqualTo(1);
        String fresh = store.load().orElseThrow().access();
        assertThat(fresh).isNotEqualTo(tokens.access());
        assertThat(again.getHeaders().get("Authorization")).isEqualTo("Bearer " + fresh);
    }

    @Test
    void handshakeRejectedWith401IsRetriedOnceAfterARefreshThenGivesUp() throws Exception {
        MockResponse unauthorized = new MockResponse.Builder().code(401)
                .body("{\"detail\":\"Given token not valid for any token type\"}").build();
        server.rejectNextHandshakes(unauthorized, unauthorized);

        connect(client);

        listener.expectState(ConnectionState.CONNECTING);
        RecordingListener.Closed closed = listener.expectClosed();
        assertThat(closed.code()).isEqualTo(CloseCodes.HANDSHAKE_UNAUTHORIZED);
        assertThat(listener.expectError()).isInstanceOf(AuthenticationException.class);
        assertThat(server.refreshes()).isEqualTo(1);
        assertThat(server.nextHandshake().getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(server.nextHandshake().getHeaders().get("Authorization")).isNotEqualTo("Bearer " + tokens.access());
        assertThat(server.handshakeWithin(Duration.ofMillis(200))).isNull();
    }

    @Test
    void handshakeRejectedWith404EndsTheConnectionAtOnce() throws Exception {
        server.rejectNextHandshakes(new MockResponse.Builder().code(404).body("{\"detail\":\"Not found.\"}").build());

        connect(client);

        listener.expectState(ConnectionState.CONNECTING);
        assertThat(listener.expectClosed().code()).isEqualTo(CloseCodes.HANDSHAKE_NOT_FOUND);
        assertThat(listener.expectError()).isInstanceOf(NotFoundException.class);
        server.nextHandshake();
        assertThat(server.handshakeWithin(Duration.ofMillis(200))).isNull();
    }

    @Test
    void connectWhenNotLoggedInReportsAuthenticationAndCloses() throws Exception {
        store.clear();

        connect(client);

        listener.expectState(ConnectionState.CONNECTING);
        assertThat(listener.expectClosed().code()).isEqualTo(CloseCodes.HANDSHAKE_UNAUTHORIZED);
        assertThat(listener.expectError()).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void missingPongIsTreatedAsADropAndTheConnectionReconnects() throws Exception {
        RoomsClient pinging = clientBuilder().pingInterval(Duration.ofMillis(50)).pongTimeout(Duration.ofMillis(300))
                .build();
        connect(pinging);
        listener.expectState(ConnectionState.CONNECTING);
        server.nextPeer();
        listener.expectState(ConnectionState.OPEN);

        // The server's reader blocks on this frame: from now on pings to this socket get no pong.
        CompletableFuture<Message> frozen = connections.get(0).send(FakeRoomServer.FREEZE);

        assertThat(listener.expectError()).hasMessageContaining("No pong");
        listener.expectState(ConnectionState.RECONNECTING);
        server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        assertThatThrownBy(() -> frozen.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(TransportException.class);
        long id = server.post("still listening");
        assertThat(listener.expectMessage().id()).isEqualTo(id);
    }

    @Test
    void closeSendsNormalCloseAndOnClosedIsTheLastCall() throws Exception {
        Peer peer = connectAndOpen();
        RoomConnection connection = connections.get(0);

        connection.close();
        connection.close();

        assertThat(listener.expectClosed()).isEqualTo(new RecordingListener.Closed(1000, "closed by client"));
        assertThat(peer.awaitClosed()).isEqualTo(1000);
        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
        server.post("too late");
        listener.expectNoMoreEvents(Duration.ofMillis(200));
    }

    @Test
    void suppliedExecutorRunsCallbacksInOrderOneAtATime() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4, task -> new Thread(task, "bot-pool"));
        try {
            RoomsClient pooled = clientBuilder().callbackExecutor(pool).build();
            connect(pooled);
            listener.expectState(ConnectionState.CONNECTING);
            server.nextPeer();
            listener.expectState(ConnectionState.OPEN);

            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ids.add(server.post("m" + i));
            }

            List<Long> received = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                received.add(listener.expectMessage().id());
            }
            assertThat(received).isEqualTo(ids);
            assertThat(listener.threads()).containsOnly("bot-pool");
            connections.get(0).close();
            listener.expectClosed();
        } finally {
            pool.shutdown();
        }
    }
}
