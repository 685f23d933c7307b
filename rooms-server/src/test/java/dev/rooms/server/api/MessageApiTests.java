package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;
import dev.rooms.server.room.RoomNotFoundException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /api/rooms/{id}/messages/} and the service the live layer posts through. */
abstract class MessageApiTests extends ApiTest {

    @Autowired
    MessageService messages;

    @Test
    void historyThenOldestFirstWithNestedUser() {
        User alice = newUser();
        User bob = newUser();
        long room = createRoom(alice, "Talk").get("id").asLong();
        MessageResponse first = messages.postMessage(room, alice.id(), "Hello, world!");
        messages.postMessage(room, bob.id(), "Hi there!");

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/", bob.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().size()).isEqualTo(2);
        JsonNode oldest = response.json().get(0);
        assertThat(oldest.propertyNames()).containsExactly("id", "user", "content", "created_at");
        assertThat(oldest.get("id").asLong()).isEqualTo(first.id());
        assertThat(oldest.get("user")).isEqualTo(json(
                "{\"id\":" + alice.id() + ",\"email\":\"" + alice.email() + "\",\"name\":\"" + alice.name() + "\"}"));
        assertThat(oldest.get("content").asString()).isEqualTo("Hello, world!");
        assertThat(oldest.get("created_at").asString()).isEqualTo(first.createdAt().toString()).endsWith("Z");
        assertThat(response.json().get(1).get("content").asString()).isEqualTo("Hi there!");
        assertThat(response.json().get(1).get("user").get("id").asLong()).isEqualTo(bob.id());
    }

    @Test
    void postedMessageSerialisesExactlyAsTheHistoryShowsIt() {
        User user = newUser();
        long room = createRoom(user, "Same").get("id").asLong();

        MessageResponse posted = messages.postMessage(room, user.id(), "same shape");

        // A plain mapper without the server's settings: the record's own annotations must give the wire names.
        JsonNode serialised = json(ApiClient.JSON.writeValueAsString(posted));
        JsonNode fromHistory = api.get("/api/rooms/" + room + "/messages/", user.access()).json().get(0);
        assertThat(serialised).isEqualTo(fromHistory);
    }

    @Test
    void historyOfRoomWithoutMessagesThenEmptyList() {
        User user = newUser();
        long room = createRoom(user, "Quiet").get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/", user.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void historyAfterIdThenOnlyNewerMessages() {
        User user = newUser();
        long room = createRoom(user, "Catch-up").get("id").asLong();
        messages.postMessage(room, user.id(), "one");
        MessageResponse two = messages.postMessage(room, user.id(), "two");
        messages.postMessage(room, user.id(), "three");
        messages.postMessage(room, user.id(), "four");

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/?after=" + two.id(), user.access());

        assertThat(response.json().valueStream().map(m -> m.get("content").asString())).containsExactly("three", "four");
    }

    @Test
    void historyAfterThatIsNotANumberThen400() {
        User user = newUser();
        long room = createRoom(user, "Strict").get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/?after=yesterday", user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("{\"after\":[\"A valid integer is required.\"]}"));
    }

    @Test
    void historyOfUnknownRoomThen404() {
        User user = newUser();

        ApiClient.Response response = api.get("/api/rooms/987654321/messages/", user.access());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).isEqualTo(notFound());
    }

    @Test
    void postMessageToDeletedRoomThenRoomNotFound() {
        User user = newUser();
        long room = createRoom(user, "Closed").get("id").asLong();
        api.delete("/api/rooms/" + room + "/", user.access());

        assertThatThrownBy(() -> messages.postMessage(room, user.id(), "too late"))
                .isInstanceOf(RoomNotFoundException.class);
    }
}
