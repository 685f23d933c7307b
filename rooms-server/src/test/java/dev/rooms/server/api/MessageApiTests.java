package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;
import dev.rooms.server.room.RoomNotFoundException;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /api/rooms/{id}/messages/} and the service the live layer posts through. */
abstract class MessageApiTests extends ApiTest {

    @Autowired
    MessageService messages;

    @Test
    void historyThenOldestFirstWithNestedUser() {
        TestUser alice = newUser();
        TestUser bob = newUser();
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
        TestUser user = newUser();
        long room = createRoom(user, "Same").get("id").asLong();

        MessageResponse posted = messages.postMessage(room, user.id(), "same shape");

        // A plain mapper without the server's settings: the record's own annotations must give the wire names.
        JsonNode serialised = json(ApiClient.JSON.writeValueAsString(posted));
        JsonNode fromHistory = api.get("/api/rooms/" + room + "/messages/", user.access()).json().get(0);
        assertThat(serialised).isEqualTo(fromHistory);
    }

    @Test
    void historyOfRoomWithoutMessagesThenEmptyList() {
        TestUser user = newUser();
        long room = createRoom(user, "Quiet").get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/", user.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void historyAfterIdThenOnlyNewerMessages() {
        TestUser user = newUser();
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
        TestUser user = newUser();
        long room = createRoom(user, "Strict").get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/?after=yesterday", user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("{\"after\":[\"A valid integer is required.\"]}"));
    }

    @Test
    void historyWithLimitThenNewestMessagesOldestFirst() {
        TestUser user = newUser();
        long room = createRoom(user, "Newest").get("id").asLong();
        for (String content : new String[] {"one", "two", "three", "four"}) {
            messages.postMessage(room, user.id(), content);
        }

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/?limit=2", user.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(contents(response)).containsExactly("three", "four");
        assertThat(response.json().get(0).propertyNames()).containsExactly("id", "user", "content", "created_at");
    }

    @Test
    void historyWithLimitAboveCountThenWholeHistory() {
        TestUser user = newUser();
        long room = createRoom(user, "Short").get("id").asLong();
        messages.postMessage(room, user.id(), "only");

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/?limit=1000", user.access());

        assertThat(contents(response)).containsExactly("only");
    }

    @Test
    void historyWithAfterAndLimitThenFirstMessagesAfterSoPagingForwardReadsEverythingOnce() {
        TestUser user = newUser();
        long room = createRoom(user, "Pages").get("id").asLong();
        for (int i = 1; i <= 5; i++) {
            messages.postMessage(room, user.id(), "m" + i);
        }

        List<String> read = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        long last = 0;
        while (true) {
            ApiClient.Response page = api.get("/api/rooms/" + room + "/messages/?after=" + last + "&limit=2",
                    user.access());
            assertThat(page.status()).isEqualTo(200);
            if (page.json().isEmpty()) {
                break;
            }
            pageSizes.add(page.json().size());
            read.addAll(contents(page));
            last = page.json().get(page.json().size() - 1).get("id").asLong();
        }

        assertThat(read).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void historyWithLimitThatIsNotANumberThen400() {
        TestUser user = newUser();
        long room = createRoom(user, "Strict limit").get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/?limit=ten", user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("{\"limit\":[\"A valid integer is required.\"]}"));
    }

    @Test
    void historyWithLimitBelowOneThen400() {
        TestUser user = newUser();
        long room = createRoom(user, "Zero").get("id").asLong();

        ApiClient.Response zero = api.get("/api/rooms/" + room + "/messages/?limit=0", user.access());
        ApiClient.Response negative = api.get("/api/rooms/" + room + "/messages/?limit=-3", user.access());

        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json()).isEqualTo(json("{\"limit\":[\"Ensure this value is greater than or equal to 1.\"]}"));
        assertThat(negative.json()).isEqualTo(zero.json());
    }

    @Test
    void historyWithLimitAboveThousandThen400() {
        TestUser user = newUser();
        long room = createRoom(user, "Huge").get("id").asLong();

        ApiClient.Response above = api.get("/api/rooms/" + room + "/messages/?limit=1001", user.access());
        ApiClient.Response huge = api.get("/api/rooms/" + room + "/messages/?limit=99999999999999999999",
                user.access());

        assertThat(above.status()).isEqualTo(400);
        assertThat(above.json())
                .isEqualTo(json("{\"limit\":[\"Ensure this value is less than or equal to 1000.\"]}"));
        assertThat(huge.json()).isEqualTo(above.json());
    }

    @Test
    void historyWithBadAfterAndBadLimitThen400NamingBoth() {
        TestUser user = newUser();
        long room = createRoom(user, "Both").get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/" + room + "/messages/?after=x&limit=y", user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json(
                "{\"after\":[\"A valid integer is required.\"],\"limit\":[\"A valid integer is required.\"]}"));
    }

    @Test
    void historyOfUnknownRoomThen404() {
        TestUser user = newUser();

        ApiClient.Response response = api.get("/api/rooms/987654321/messages/", user.access());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).isEqualTo(notFound());
    }

    @Test
    void historyWithLimitOfUnknownRoomThen404() {
        TestUser user = newUser();

        ApiClient.Response response = api.get("/api/rooms/987654321/messages/?limit=1", user.access());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json()).isEqualTo(notFound());
    }

    @Test
    void postMessageToDeletedRoomThenRoomNotFound() {
        TestUser user = newUser();
        long room = createRoom(user, "Closed").get("id").asLong();
        api.delete("/api/rooms/" + room + "/", user.access());

        assertThatThrownBy(() -> messages.postMessage(room, user.id(), "too late"))
                .isInstanceOf(RoomNotFoundException.class);
    }

    private static List<String> contents(ApiClient.Response response) {
        return response.json().valueStream().map(m -> m.get("content").asString()).toList();
    }
}
