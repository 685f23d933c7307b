package dev.rooms.sdk;

import static dev.rooms.sdk.FakeRoomServer.ROOM_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rooms.sdk.FakeRoomServer.Peer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing a connection or the client leaves no thread the SDK started (the socket's threads included). */
class ShutdownTest {

    /** The SDK's own threads and Java-WebSocket's client threads; OkHttp's shared daemon threads idle out alone. */
    private static final Pattern SDK_THREAD =
            Pattern.compile("rooms-room-.*|WebSocketConnectReadThread-.*|WebSocketWriteThread-.*|OkHttp Dispatcher.*");

    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(200),
            2.0, 0.2, 0);

    private FakeRoomServer server;
    private final TokenStore store = TokenStore.inMemory();
    private Set<Thread> before;

    @BeforeEach
    void start() throws Exception {
        before = Thread.getAllStackTraces().keySet();
        server = new FakeRoomServer();
        store.save(TestTokens.longLived());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RoomsClient.Builder clientBuilder() {
        return RoomsClient.builder().baseUrl(server.baseUrl()).tokenStore(store).reconnectPolicy(FAST);
    }

    private List<String> newSdkThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> SDK_THREAD.matcher(name).matches())
                .collect(Collectors.toList());
    }

    private void awaitNoSdkThreads() {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(newSdkThreads()).isEmpty());
    }

    @Test
    void closingAnOpenConnectionEndsEveryThreadItStarted() throws Exception {
        RoomsClient client = clientBuilder().build();
        RecordingListener listener = new RecordingListener();
        RoomConnection connection = client.connect(ROOM_ID, listener);
        listener.expectState(ConnectionState.CONNECTING);
        Peer peer = server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        assertThat(newSdkThreads()).contains("rooms-room-1", "rooms-room-1-callbacks");

        connection.close();

        listener.expectClosed();
        assertThat(peer.awaitClosed()).isEqualTo(CloseCodes.NORMAL);
        awaitNoSdkThreads();
    }

    @Test
    void closingWhileTheServerIgnoresTheCloseHandshakeStillEndsTheThreads() throws Exception {
        RoomsClient client = clientBuilder().build();
        RecordingListener listener = new RecordingListener();
        RoomConnection connection = client.connect(ROOM_ID, listener);
        listener.expectState(ConnectionState.CONNECTING);
        Peer peer = server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        // The fake server's reader for this socket now blocks: it will not answer the close frame.
        connection.send(FakeRoomServer.FREEZE);
        peer.nextFrame();

        connection.close();

        listener.expectClosed();
        awaitNoSdkThreads();
    }

    @Test
    void closingWhileReconnectingEndsTheThreads() throws Exception {
        RoomsClient client = clientBuilder().build();
        RecordingListener listener = new RecordingListener();
        RoomConnection connection = client.connect(ROOM_ID, listener);
        listener.expectState(ConnectionState.CONNECTING);
        Peer peer = server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        server.rejectNextHandshakes(new mockwebserver3.MockResponse.Builder().code(503).build());
        peer.drop();
        listener.expectState(ConnectionState.RECONNECTING);

        connection.close();

        listener.expectClosed();
        awaitNoSdkThreads();
    }

    @Test
    void closingTheClientClosesEveryConnectionWaitsForItsThreadsAndRefusesFurtherUse() throws Exception {
        RoomsClient client = clientBuilder().build();
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        client.connect(ROOM_ID, first);
        client.connect(ROOM_ID, second);
        server.nextPeer();
        server.nextPeer();
        first.expectState(ConnectionState.CONNECTING);
        first.expectState(ConnectionState.OPEN);
        second.expectState(ConnectionState.CONNECTING);
        second.expectState(ConnectionState.OPEN);

        client.close();

        assertThat(newSdkThreads()).noneMatch(name -> name.equals("rooms-room-1"));
        assertThat(first.expectClosed()).isEqualTo(new RecordingListener.Closed(1000, "closed by client"));
        assertThat(second.expectClosed()).isEqualTo(new RecordingListener.Closed(1000, "closed by client"));
        awaitNoSdkThreads();
        assertThatThrownBy(() -> client.connect(ROOM_ID, new RecordingListener()))
                .isInstanceOf(IllegalStateException.class).hasMessage("this RoomsClient is closed");
        assertThatThrownBy(() -> client.rooms().list())
                .isInstanceOf(IllegalStateException.class).hasMessage("this RoomsClient is closed");
        client.close();
    }

    @Test
    void closingTheClientLeavesASharedOkHttpClientUsable() throws Exception {
        OkHttpClient shared = new OkHttpClient();
        RoomsClient client = clientBuilder().okHttpClient(shared).build();
        client.rooms().list();

        client.close();

        assertThat(shared.dispatcher().executorService().isShutdown()).isFalse();
        try (RoomsClient other = clientBuilder().okHttpClient(shared).build()) {
            assertThat(other.rooms().list()).hasSize(1);
        }
    }
}
