package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec's plain room list and history are kept between writes (system.RenderedAnswers): each change is in the
 * very next answer, whichever way it was made, and a kept answer is the usual answer byte for byte.
 */
class KeptAnswersTest extends LiveServerTest {

    @Test
    void roomCreatedRenamedAndDeletedThenTheVeryNextRoomListShowsEachChange() {
        TestUser alice = api.register("Alice");
        rooms(alice);
        rooms(alice);

        long room = api.createRoom(alice);
        assertThat(room(alice, room)).isNotNull();

        api.patch("/api/rooms/" + room + "/", "{\"name\": \"renamed\"}", alice.access());
        assertThat(room(alice, room).get("name").stringValue()).isEqualTo("renamed");

        api.rename(alice, "Alice Smith");
        assertThat(room(alice, room).get("creator").get("name").stringValue()).isEqualTo("Alice Smith");

        api.deleteRoom(alice, room);
        assertThat(room(alice, room)).isNull();
    }

    @Test
    void messagePostedEditedAndDeletedThenTheVeryNextHistoryShowsEachChange() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        assertThat(api.history(alice, room)).isEmpty();
        assertThat(api.history(alice, room)).isEmpty();

        long id = api.post(alice, room, "first", null).get("id").longValue();
        assertThat(contents(alice, room)).containsExactly("first");

        api.edit(alice, room, id, "first, edited");
        assertThat(contents(alice, room)).containsExactly("first, edited");

        api.deleteMessage(alice, room, id);
        assertThat(contents(alice, room)).isEmpty();
    }

    @Test
    void chatBroadcastReceivedThenTheVeryNextHistoryHasIt() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        SocketClient socket = connect(room, alice);
        assertThat(api.history(alice, room)).isEmpty();

        for (int i = 0; i < 5; i++) {
            socket.sendJson(Map.of("content", "chat " + i));
            assertThat(socket.next().get("content").stringValue()).isEqualTo("chat " + i);

            assertThat(contents(alice, room)).hasSize(i + 1).last().isEqualTo("chat " + i);
        }
        socket.close();
    }

    @Test
    void roomDeletedThenItsKeptHistoryAnswers404() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        api.post(alice, room, "hello", null);
        assertThat(api.history(alice, room)).hasSize(1);

        api.deleteRoom(alice, room);

        assertThat(api.get("/api/rooms/" + room + "/messages/", alice.access()).status()).isEqualTo(404);
    }

    @Test
    void keptAnswersAreTheUncachedAnswersByteForByte() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        api.post(alice, room, "ünïcödé \"quoted\" <b>", null);
        api.post(alice, room, "second", null);
        String history = "/api/rooms/" + room + "/messages/";

        ApiClient.Response firstList = api.get("/api/rooms/", alice.access());
        ApiClient.Response keptList = api.get("/api/rooms/", alice.access());
        ApiClient.Response usualList = api.get("/api/rooms/?limit=1000", alice.access());
        ApiClient.Response firstHistory = api.get(history, alice.access());
        ApiClient.Response keptHistory = api.get(history, alice.access());
        ApiClient.Response usualHistory = api.get(history + "?after=0", alice.access());

        assertThat(keptList.body()).isEqualTo(firstList.body()).isEqualTo(usualList.body());
        assertThat(keptList.contentType()).isEqualTo(usualList.contentType());
        assertThat(keptHistory.body()).isEqualTo(firstHistory.body()).isEqualTo(usualHistory.body());
        assertThat(keptHistory.contentType()).isEqualTo(usualHistory.contentType());
    }

    @Test
    void withoutTokenThenKeptAnswersAre401() {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        api.history(alice, room);
        api.history(alice, room);

        assertThat(api.get("/api/rooms/", null).status()).isEqualTo(401);
        assertThat(api.get("/api/rooms/" + room + "/messages/", null).status()).isEqualTo(401);
    }

    private List<JsonNode> rooms(TestUser user) {
        ApiClient.Response response = api.get("/api/rooms/", user.access());
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> rooms = new ArrayList<>();
        response.json().forEach(rooms::add);
        return rooms;
    }

    private JsonNode room(TestUser user, long roomId) {
        return rooms(user).stream().filter(room -> room.get("id").longValue() == roomId).findFirst().orElse(null);
    }

    private List<String> contents(TestUser user, long roomId) {
        return api.history(user, roomId).stream().map(message -> message.get("content").stringValue()).toList();
    }
}
