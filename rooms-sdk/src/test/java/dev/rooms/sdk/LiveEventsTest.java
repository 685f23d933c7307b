package dev.rooms.sdk;

import static dev.rooms.sdk.FakeRoomServer.ROOM_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rooms.sdk.FakeRoomServer.Peer;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.UserSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opting into presence, typing and edits with {@link ConnectOptions}, and what the listener hears of them. */
class LiveEventsTest {

    private static final UserSummary BOB = new UserSummary(2, "bob@example.com", "Bob");
    private static final String BOB_JSON = "{\"id\":2,\"email\":\"bob@example.com\",\"name\":\"Bob\"}";

    private FakeRoomServer server;
    private final TokenStore store = TokenStore.inMemory();
    private final RecordingListener listener = new RecordingListener();
    private RoomsClient client;
    private RoomConnection connection;

    @BeforeEach
    void start() throws Exception {
        server = new FakeRoomServer();
        store.save(TestTokens.longLived());
        client = RoomsClient.builder().baseUrl(server.baseUrl()).tokenStore(store).build();
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        client.close();
        server.close();
    }

    private Peer open(ConnectOptions options) throws InterruptedException {
        connection = client.connect(ROOM_ID, options, listener);
        listener.expectState(ConnectionState.CONNECTING);
        Peer peer = server.nextPeer();
        listener.expectState(ConnectionState.OPEN);
        return peer;
    }

    @Test
    void connectWithEventsThenTheHandshakeAsksForThemAndWithoutThenNoParameter() throws Exception {
        open(ConnectOptions.builder().events(LiveEvent.TYPING, LiveEvent.PRESENCE).events(LiveEvent.EDITS).build());
        RecordedRequest withEvents = server.nextHandshake();
        connection.close();
        listener.expectClosed();

        connection = client.connect(ROOM_ID, ConnectOptions.builder().build(), listener);
        server.nextPeer();
        RecordedRequest plain = server.nextHandshake();

        assertThat(withEvents.getTarget()).isEqualTo("/ws/chat/1/?events=edits,presence,typing");
        assertThat(plain.getTarget()).isEqualTo("/ws/chat/1/");
    }

    @Test
    void connectOptionsAfterThenHistoryFirst() throws Exception {
        server.storeOnly("one");

        connection = client.connect(ROOM_ID, ConnectOptions.builder().after(0).build(), listener);

        listener.expectState(ConnectionState.CONNECTING);
        assertThat(listener.expectMessage().content()).isEqualTo("one");
        assertThat(server.nextHistoryRequest()).isEqualTo("/api/rooms/1/messages/?after=0");
        assertThatThrownBy(() -> ConnectOptions.builder().after(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventFramesThenTheirListenerMethodsInOrder() throws Exception {
        open(ConnectOptions.builder().events(LiveEvent.PRESENCE, LiveEvent.TYPING, LiveEvent.EDITS).build());

        server.sendToAll("{\"type\":\"presence\",\"event\":\"join\",\"user\":" + BOB_JSON
                + ",\"at\":\"2026-12-04T10:00:00Z\"}");
        server.sendToAll("{\"type\":\"typing\",\"user\":" + BOB_JSON + "}");
        server.sendToAll("{\"type\":\"message-updated\",\"id\":5,\"user\":" + BOB_JSON + ",\"content\":\"fixed\","
                + "\"created_at\":\"2026-12-04T09:00:00Z\",\"edited_at\":\"2026-12-04T10:01:00Z\"}");
        server.sendToAll("{\"type\":\"message-deleted\",\"id\":5}");
        server.sendToAll("{\"type\":\"presence\",\"event\":\"leave\",\"user\":" + BOB_JSON
                + ",\"at\":\"2026-12-04T10:02:00Z\"}");
        server.sendToAll("{\"type\":\"presence\",\"event\":\"wave\",\"user\":" + BOB_JSON + ",\"at\":\"2026-12-04T10:02:00Z\"}");
        server.sendToAll("{\"type\":\"reaction\",\"id\":5}");

        assertThat(listener.next()).isEqualTo(new RecordingListener.PresenceReceived(
                new PresenceEvent(PresenceEvent.Kind.JOIN, BOB, Instant.parse("2026-12-04T10:00:00Z"))));
        assertThat(listener.next()).isEqualTo(new RecordingListener.Typing(BOB));
        assertThat(listener.next()).isEqualTo(new RecordingListener.Updated(new EditedMessage(
                new Message(5, BOB, "fixed", Instant.parse("2026-12-04T09:00:00Z"), null),
                Instant.parse("2026-12-04T10:01:00Z"))));
        assertThat(listener.next()).isEqualTo(new RecordingListener.Deleted(5));
        assertThat(listener.next()).isEqualTo(new RecordingListener.PresenceReceived(
                new PresenceEvent(PresenceEvent.Kind.LEAVE, BOB, Instant.parse("2026-12-04T10:02:00Z"))));
        listener.expectNoMoreEvents(Duration.ofMillis(200));
    }

    @Test
    void typingSendsTheTypingFrameOnlyWhileOpen() throws Exception {
        Peer peer = open(ConnectOptions.builder().build());

        CompletableFuture<Void> sent = connection.typing();

        assertThat(sent).isCompleted();
        assertThat(peer.nextFrame().toString()).isEqualTo("{\"type\":\"typing\"}");
        connection.close();
        listener.expectClosed();
        assertThat(connection.typing()).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(TransportException.class);
    }
}
