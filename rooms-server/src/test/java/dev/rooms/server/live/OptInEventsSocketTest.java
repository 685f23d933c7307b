package dev.rooms.server.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10 on one process: REST posts on the socket path, {@code ?events=presence,typing,edits}, presence over
 * REST, and sockets that opted into nothing seeing none of it.
 */
class OptInEventsSocketTest extends LiveServerTest {

    @Autowired
    ChatHistory history;

    private SocketClient connect(long roomId, TestUser user, String events) {
        return SocketClient.open(port, roomId, user.access(), events);
    }

    /** The next frames are exactly the chat marker: nothing else arrived before it. */
    private static void assertNextIsMarker(SocketClient socket, String marker) {
        JsonNode next = socket.next();
        assertThat(next.path("content").asString()).as("next frame %s", next).isEqualTo(marker);
    }

    @Test
    void restPostThenEverySocketGetsItInTheHistoryShapeInOrderWithSocketChat() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        SocketClient spec = connect(room, alice);
        SocketClient sender = connect(room, alice);

        sender.sendJson(Map.of("content", "one", "nonce", "n1"));
        assertThat(spec.next().get("content").stringValue()).isEqualTo("one");
        JsonNode posted = api.post(alice, room, "two", null);
        sender.sendJson(Map.of("content", "three"));

        JsonNode two = spec.next();
        assertThat(two).isEqualTo(posted);
        assertThat(two.propertyNames()).containsExactly("id", "user", "content", "created_at");
        assertThat(spec.next().get("content").stringValue()).isEqualTo("three");
        assertThat(api.history(alice, room)).extracting(m -> m.get("content").stringValue())
                .containsExactly("one", "two", "three");
    }

    @Test
    void presenceWhenFirstConnectionOpensAndLastClosesThenOneJoinAndOneLeave() throws Exception {
        TestUser watcher = api.register("Watcher");
        TestUser bob = api.register("Bob");
        TestUser spectator = api.register("Spectator");
        long room = api.createRoom(watcher);
        SocketClient spec = connect(room, spectator);
        SocketClient watching = connect(room, watcher, "presence");
        JsonNode ownJoin = watching.next();
        assertThat(ownJoin.get("type").stringValue()).isEqualTo("presence");
        assertThat(ownJoin.get("user").get("id").longValue()).isEqualTo(watcher.id());

        SocketClient firstTab = connect(room, bob);
        JsonNode join = watching.next();
        SocketClient secondTab = connect(room, bob);
        spec.sendJson(Map.of("content", "after the second tab"));

        assertThat(join.propertyNames()).containsExactly("type", "event", "user", "at");
        assertThat(join.get("event").stringValue()).isEqualTo("join");
        assertThat(join.get("user")).isEqualTo(ApiClient.JSON.readTree(
                "{\"id\":" + bob.id() + ",\"email\":\"" + bob.email() + "\",\"name\":\"Bob\"}"));
        assertNextIsMarker(watching, "after the second tab");
        List<JsonNode> present = api.presence(bob, room);
        assertThat(present).extracting(p -> p.get("user").get("id").longValue())
                .containsExactly(spectator.id(), watcher.id(), bob.id());
        assertThat(present).extracting(p -> p.get("connections").intValue()).containsExactly(1, 1, 2);
        assertThat(present.get(2).propertyNames()).containsExactly("user", "connections", "since");
        assertThat(present.get(2).get("since").stringValue()).endsWith("Z");

        firstTab.closeBlocking();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.presence(bob, room).get(2).get("connections").intValue() == 1);
        spec.sendJson(Map.of("content", "after the first tab closed"));
        assertNextIsMarker(watching, "after the first tab closed");
        secondTab.closeBlocking();
        JsonNode leave = watching.next();

        assertThat(leave.get("event").stringValue()).isEqualTo("leave");
        assertThat(leave.get("user").get("id").longValue()).isEqualTo(bob.id());
        assertThat(api.presence(watcher, room)).extracting(p -> p.get("user").get("id").longValue())
                .containsExactly(spectator.id(), watcher.id());
        spec.sendJson(Map.of("content", "end"));
        assertNextIsMarker(spec, "after the second tab");
        assertNextIsMarker(spec, "after the first tab closed");
        assertNextIsMarker(spec, "end");
    }

    @Test
    void typingThenRelayedToOthersWhoOptedInAtMostOncePerInterval() {
        TestUser alice = api.register("Alice");
        TestUser bob = api.register("Bob");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = connect(room, alice, "typing");
        SocketClient bobSocket = connect(room, bob, "typing");
        SocketClient spec = connect(room, alice);
        // Before the first typing frame: the server's interval starts when it relays that one, later than this.
        long firstRelayed = System.nanoTime();

        bobSocket.sendJson(Map.of("type", "typing"));
        bobSocket.sendJson(Map.of("type", "typing"));
        bobSocket.sendJson(Map.of("type", "typing", "content", "typing with content is chat"));

        JsonNode typing = aliceSocket.next();
        assertThat(typing.propertyNames()).containsExactly("type", "user");
        assertThat(typing.get("type").stringValue()).isEqualTo("typing");
        assertThat(typing.get("user").get("id").longValue()).isEqualTo(bob.id());
        JsonNode chat = aliceSocket.next();
        assertThat(chat.get("content").stringValue()).isEqualTo("typing with content is chat");
        assertThat(chat.has("type")).isFalse();
        assertNextIsMarker(bobSocket, "typing with content is chat");
        assertNextIsMarker(spec, "typing with content is chat");

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            bobSocket.sendJson(Map.of("type", "typing"));
            return !aliceSocket.nothingReceived();
        });
        assertThat(aliceSocket.next().get("type").stringValue()).isEqualTo("typing");
        assertThat(Duration.ofNanos(System.nanoTime() - firstRelayed)).isGreaterThanOrEqualTo(RoomPresence.TYPING_INTERVAL);
        spec.sendJson(Map.of("content", "end"));
        assertNextIsMarker(spec, "end");
        assertNextIsMarker(bobSocket, "end");
    }

    @Test
    void editAndDeleteThenSocketsThatOptedIntoEditsHearAndSpecSocketsDoNot() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        SocketClient editsSocket = connect(room, alice, "edits");
        SocketClient spec = connect(room, alice);
        long id = api.post(alice, room, "teh", null).get("id").longValue();
        assertThat(editsSocket.next().get("id").longValue()).isEqualTo(id);
        assertThat(spec.next().get("id").longValue()).isEqualTo(id);

        JsonNode edited = api.edit(alice, room, id, "the");
        api.deleteMessage(alice, room, id);
        spec.sendJson(Map.of("content", "end"));

        JsonNode updated = editsSocket.next();
        assertThat(updated.propertyNames()).containsExactly("type", "id", "user", "content", "created_at", "edited_at");
        assertThat(updated.get("type").stringValue()).isEqualTo("message-updated");
        assertThat(updated.get("content").stringValue()).isEqualTo("the");
        assertThat(updated.get("edited_at")).isEqualTo(edited.get("edited_at"));
        assertThat(editsSocket.next()).isEqualTo(ApiClient.JSON.readTree("{\"type\":\"message-deleted\",\"id\":" + id + "}"));
        assertNextIsMarker(editsSocket, "end");
        assertNextIsMarker(spec, "end");
    }

    @Test
    void editedMessageReadBackForAGapFillThenBroadcastInTheSpecShapeWithItsNewContent() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        long id = api.post(alice, room, "first", null).get("id").longValue();
        api.edit(alice, room, id, "second");

        List<StoredChat> filled = history.messagesBetween(room, 0, Long.MAX_VALUE);

        assertThat(filled).hasSize(1);
        JsonNode frame = ApiClient.JSON.readTree(filled.get(0).frame());
        assertThat(frame.propertyNames()).containsExactly("id", "user", "content", "created_at");
        assertThat(frame.get("content").stringValue()).isEqualTo("second");
    }

    @Test
    void handshakeWithAnUnknownEventThen400NamingItAndWithNoneThenUpgraded() throws Exception {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);

        RawSocket.Answer unknown = RawSocket.handshake(port, "/ws/chat/" + room + "/?events=presence,reactions",
                "Authorization: Bearer " + alice.access());
        RawSocket.Answer empty = RawSocket.handshake(port, "/ws/chat/" + room + "/?events=",
                "Authorization: Bearer " + alice.access());
        RawSocket.Answer all = RawSocket.handshake(port, "/ws/chat/" + room + "/?events=presence,typing,edits",
                "Authorization: Bearer " + alice.access());

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.headers().get("content-type")).startsWith("application/json");
        assertThat(ApiClient.JSON.readTree(unknown.body()))
                .isEqualTo(ApiClient.JSON.readTree("{\"events\":[\"\\\"reactions\\\" is not a valid choice.\"]}"));
        assertThat(empty.status()).isEqualTo(101);
        assertThat(all.status()).isEqualTo(101);
    }
}
