package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.rooms.server.room.RoomDeleted;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /api/rooms/}: list, create, read, update and soft-delete, with ownership and validation. */
abstract class RoomApiTests extends ApiTest {

    @Autowired
    RecordedEvents events;

    @Test
    void createRoomThen201WithCreatorAndDefaults() {
        TestUser user = newUser();

        ApiClient.Response response = api.post("/api/rooms/", "{\"name\":\"General\",\"room_type\":\"video\"}", user.access());

        assertThat(response.status()).isEqualTo(201);
        JsonNode room = response.json();
        assertThat(room.propertyNames())
                .containsExactly("id", "name", "description", "creator", "room_type", "created_at", "is_active");
        assertThat(room.get("name").asString()).isEqualTo("General");
        assertThat(room.get("description").asString()).isEmpty();
        assertThat(room.get("room_type").asString()).isEqualTo("video");
        assertThat(room.get("is_active").asBoolean()).isTrue();
        assertThat(room.get("creator")).isEqualTo(json(
                "{\"id\":" + user.id() + ",\"email\":\"" + user.email() + "\",\"name\":\"" + user.name() + "\"}"));
        assertThat(room.get("created_at").asString()).endsWith("Z");
        assertThat(Instant.parse(room.get("created_at").asString())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void createRoomIgnoresReadOnlyFields() {
        TestUser user = newUser();
        TestUser other = newUser();

        ApiClient.Response response = api.post("/api/rooms/", "{\"name\":\"R\",\"room_type\":\"chat\",\"id\":424242,"
                + "\"is_active\":false,\"creator\":" + other.id() + ",\"created_at\":\"2000-01-01T00:00:00Z\"}", user.access());

        JsonNode room = response.json();
        assertThat(room.get("id").asLong()).isNotEqualTo(424242);
        assertThat(room.get("is_active").asBoolean()).isTrue();
        assertThat(room.get("creator").get("id").asLong()).isEqualTo(user.id());
        assertThat(room.get("created_at").asString()).doesNotStartWith("2000");
    }

    static Stream<Arguments> invalidRooms() {
        String tooLong = "n".repeat(101);
        return Stream.of(
                Arguments.of("{\"room_type\":\"chat\"}", "{\"name\":[\"This field is required.\"]}"),
                Arguments.of("{\"name\":\"  \",\"room_type\":\"chat\"}", "{\"name\":[\"This field may not be blank.\"]}"),
                Arguments.of("{\"name\":null,\"room_type\":\"chat\"}", "{\"name\":[\"This field may not be null.\"]}"),
                Arguments.of("{\"name\":\"" + tooLong + "\",\"room_type\":\"chat\"}",
                        "{\"name\":[\"Ensure this field has no more than 100 characters.\"]}"),
                Arguments.of("{\"name\":\"R\"}", "{\"room_type\":[\"This field is required.\"]}"),
                Arguments.of("{\"name\":\"R\",\"room_type\":\"audio\"}", "{\"room_type\":[\"\\\"audio\\\" is not a valid choice.\"]}"),
                Arguments.of("{\"name\":\"R\",\"room_type\":null}", "{\"room_type\":[\"This field may not be null.\"]}"),
                Arguments.of("{\"name\":5,\"room_type\":[]}",
                        "{\"name\":[\"Not a valid string.\"],\"room_type\":[\"\\\"[]\\\" is not a valid choice.\"]}"),
                Arguments.of("{\"name\":{\"a\":1},\"room_type\":\"chat\",\"description\":false}",
                        "{\"name\":[\"Not a valid string.\"],\"description\":[\"Not a valid string.\"]}"),
                Arguments.of("{}", "{\"name\":[\"This field is required.\"],\"room_type\":[\"This field is required.\"]}"));
    }

    @ParameterizedTest
    @MethodSource("invalidRooms")
    void createRoomWhenInvalidThen400PerField(String body, String expected) {
        TestUser user = newUser();

        ApiClient.Response response = api.post("/api/rooms/", body, user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json(expected));
    }

    @Test
    void createRoomWithNameOfExactlyHundredCharactersThen201() {
        TestUser user = newUser();
        String name = "é".repeat(100);

        ApiClient.Response response = api.post("/api/rooms/", "{\"name\":\"" + name + "\",\"room_type\":\"chat\"}", user.access());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("name").asString()).isEqualTo(name);
    }

    @Test
    void listRoomsShowsActiveRoomsOldestFirst() {
        TestUser user = newUser();
        long first = createRoom(user, "First").get("id").asLong();
        long second = createRoom(user, "Second").get("id").asLong();
        long third = createRoom(user, "Third").get("id").asLong();
        api.delete("/api/rooms/" + second + "/", user.access());

        ApiClient.Response response = api.get("/api/rooms/", user.access());

        assertThat(response.status()).isEqualTo(200);
        List<Long> ids = response.json().valueStream().map(room -> room.get("id").asLong()).toList();
        assertThat(ids).isSorted().contains(first, third).doesNotContain(second);
        assertThat(response.json().valueStream()).allMatch(room -> room.get("is_active").asBoolean());
    }

    @Test
    void getRoomThenRoomOrNotFound() {
        TestUser user = newUser();
        JsonNode room = createRoom(user, "Readable");

        ApiClient.Response found = api.get("/api/rooms/" + room.get("id").asLong() + "/", user.access());
        ApiClient.Response missing = api.get("/api/rooms/987654321/", user.access());

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(room);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json()).isEqualTo(notFound());
    }

    @Test
    void patchRoomByCreatorChangesOnlyGivenFields() {
        TestUser user = newUser();
        JsonNode room = createRoom(user, "Before");
        String path = "/api/rooms/" + room.get("id").asLong() + "/";

        ApiClient.Response response = api.patch(path, "{\"description\":\"After\",\"is_active\":false}", user.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("name").asString()).isEqualTo("Before");
        assertThat(response.json().get("description").asString()).isEqualTo("After");
        assertThat(response.json().get("is_active").asBoolean()).isTrue();
        assertThat(response.json().get("created_at")).isEqualTo(room.get("created_at"));
        assertThat(api.get(path, user.access()).json()).isEqualTo(response.json());
    }

    @Test
    void patchRoomByAnotherUserThen403() {
        TestUser creator = newUser();
        TestUser other = newUser();
        String path = "/api/rooms/" + createRoom(creator, "Mine").get("id").asLong() + "/";

        ApiClient.Response response = api.patch(path, "{\"name\":\"Theirs\"}", other.access());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json()).isEqualTo(json("{\"detail\":\"You can only update rooms you created.\"}"));
        assertThat(api.get(path, creator.access()).json().get("name").asString()).isEqualTo("Mine");
    }

    @Test
    void patchRoomWhenInvalidThen400BeforeOwnershipIsChecked() {
        TestUser creator = newUser();
        TestUser other = newUser();
        String path = "/api/rooms/" + createRoom(creator, "Mine").get("id").asLong() + "/";

        ApiClient.Response response = api.patch(path, "{\"name\":\"\"}", other.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("{\"name\":[\"This field may not be blank.\"]}"));
    }

    @Test
    void putRoomRequiresNameAndRoomType() {
        TestUser user = newUser();
        String path = "/api/rooms/" + createRoom(user, "Whole").get("id").asLong() + "/";

        ApiClient.Response incomplete = api.put(path, "{\"description\":\"d\"}", user.access());
        ApiClient.Response complete = api.put(path, "{\"name\":\"New\",\"room_type\":\"video\"}", user.access());

        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.json()).isEqualTo(json(
                "{\"name\":[\"This field is required.\"],\"room_type\":[\"This field is required.\"]}"));
        assertThat(complete.status()).isEqualTo(200);
        assertThat(complete.json().get("room_type").asString()).isEqualTo("video");
    }

    @Test
    void deleteRoomByAnotherUserThen403AndRoomStays() {
        TestUser creator = newUser();
        TestUser other = newUser();
        String path = "/api/rooms/" + createRoom(creator, "Kept").get("id").asLong() + "/";

        ApiClient.Response response = api.delete(path, other.access());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json()).isEqualTo(json("{\"detail\":\"You can only delete rooms you created.\"}"));
        assertThat(api.get(path, other.access()).status()).isEqualTo(200);
    }

    @Test
    void deleteRoomByCreatorThen204AndRoomIsGoneEverywhere() {
        TestUser user = newUser();
        long id = createRoom(user, "Short-lived").get("id").asLong();
        String path = "/api/rooms/" + id + "/";

        ApiClient.Response response = api.delete(path, user.access());

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(api.get(path, user.access()).json()).isEqualTo(notFound());
        assertThat(api.patch(path, "{\"name\":\"Back\"}", user.access()).status()).isEqualTo(404);
        assertThat(api.delete(path, user.access()).status()).isEqualTo(404);
        assertThat(api.get(path + "messages/", user.access()).json()).isEqualTo(notFound());
        assertThat(api.get("/api/rooms/", user.access()).json().valueStream())
                .noneMatch(room -> room.get("id").asLong() == id);
        assertThat(events.committed()).containsOnlyOnce(new RoomDeleted(id));
    }
}
