package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/rooms/} with filters and pages. The server is shared, so every room name carries this test's
 * own tag and every query searches for it.
 */
abstract class RoomFilterApiTests extends ApiTest {

    private final String tag = "tag" + System.nanoTime();

    @Test
    void listRoomsWithoutParametersThenEveryActiveRoomOldestFirstWithoutLink() {
        TestUser user = newUser();
        long first = createRoom(user, tag + " one").get("id").asLong();
        long second = createRoom(user, tag + " two").get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/", user.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        List<Long> ids = ids(response);
        assertThat(ids).contains(first, second);
        assertThat(ids).isSorted();
        assertThat(response.header("Link")).isNull();
        assertThat(response.json().get(0).propertyNames())
                .containsExactly("id", "name", "description", "creator", "room_type", "created_at", "is_active");
    }

    @Test
    void listRoomsByTypeThenOnlyRoomsOfThatType() {
        TestUser user = newUser();
        long chat = createRoom(user, tag + " chat", "", "chat").get("id").asLong();
        long video = createRoom(user, tag + " video", "", "video").get("id").asLong();

        ApiClient.Response videos = api.get("/api/rooms/?room_type=video&search=" + tag, user.access());
        ApiClient.Response chats = api.get("/api/rooms/?room_type=chat&search=" + tag, user.access());

        assertThat(ids(videos)).containsExactly(video);
        assertThat(ids(chats)).containsExactly(chat);
    }

    @Test
    void listRoomsBySearchThenNameOrDescriptionCaseInsensitiveAnywhere() {
        TestUser user = newUser();
        long byName = createRoom(user, "The " + tag + "-ENGINEERING room", "", "chat").get("id").asLong();
        long byDescription = createRoom(user, "Other", "for " + tag + " engineers", "chat").get("id").asLong();
        createRoom(user, tag + " marketing", "nothing else", "chat");

        ApiClient.Response response = api.get("/api/rooms/?search=" + tag + "%20Engineer", user.access());
        ApiClient.Response inName = api.get("/api/rooms/?search=" + tag.toUpperCase() + "-eng", user.access());

        assertThat(ids(response)).containsExactly(byDescription);
        assertThat(ids(inName)).containsExactly(byName);
    }

    @Test
    void listRoomsBySearchWithWildcardCharactersThenTheyMatchThemselves() {
        TestUser user = newUser();
        long percent = createRoom(user, tag + " 100% uptime", "", "chat").get("id").asLong();
        createRoom(user, tag + " 1000 users", "", "chat");
        long underscore = createRoom(user, tag + " a_b", "", "chat").get("id").asLong();
        createRoom(user, tag + " axb", "", "chat");

        ApiClient.Response percentOnly = api.get("/api/rooms/?search=" + urlEncode(tag + " 100%"), user.access());
        ApiClient.Response underscoreOnly = api.get("/api/rooms/?search=" + urlEncode(tag + " a_b"), user.access());

        assertThat(ids(percentOnly)).containsExactly(percent);
        assertThat(ids(underscoreOnly)).containsExactly(underscore);
    }

    @Test
    void listRoomsWithBlankSearchThenNoSearchFilter() {
        TestUser user = newUser();
        long room = createRoom(user, tag).get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/?search=%20%20&creator=me", user.access());

        assertThat(ids(response)).containsExactly(room);
    }

    @Test
    void listRoomsByCreatorMeOrIdThenOnlyThatUsersRooms() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long alices = createRoom(alice, tag + " alice").get("id").asLong();
        long bobs = createRoom(bob, tag + " bob").get("id").asLong();

        ApiClient.Response mine = api.get("/api/rooms/?creator=me", alice.access());
        ApiClient.Response byId = api.get("/api/rooms/?creator=" + bob.id(), alice.access());
        ApiClient.Response nobody = api.get("/api/rooms/?creator=987654321", alice.access());

        assertThat(ids(mine)).containsExactly(alices);
        assertThat(ids(byId)).containsExactly(bobs);
        assertThat(nobody.body()).isEqualTo("[]");
    }

    @Test
    void listRoomsWithEveryFilterThenOnlyRoomsMatchingAll() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long match = createRoom(alice, tag + " standup", "", "video").get("id").asLong();
        createRoom(alice, tag + " standup notes", "", "chat");
        createRoom(alice, tag + " retro", "", "video");
        createRoom(bob, tag + " standup", "", "video");

        ApiClient.Response response = api.get(
                "/api/rooms/?room_type=video&search=" + tag + "%20STANDUP&creator=me&after=0&limit=10", alice.access());

        assertThat(ids(response)).containsExactly(match);
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void listRoomsWithLimitThenFollowingNextLinksReadsEveryRoomOnceInOrder() {
        TestUser user = newUser();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createRoom(user, tag + " room " + i).get("id").asLong());
        }

        List<Long> read = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String path = "/api/rooms/?search=" + tag + "&limit=3";
        while (path != null) {
            ApiClient.Response page = api.get(path, user.access());
            assertThat(page.status()).isEqualTo(200);
            read.addAll(ids(page));
            pageSizes.add(page.json().size());
            String next = LinkHeader.of(page).next();
            path = next == null ? null : pathOf(next);
        }

        assertThat(read).isEqualTo(created);
        assertThat(pageSizes).containsExactly(3, 3, 1);
    }

    @Test
    void listRoomsNextLinkIsTheExactUrlOfTheNextPage() {
        TestUser user = newUser();
        createRoom(user, tag + " a", "", "chat");
        long second = createRoom(user, tag + " b", "", "chat").get("id").asLong();
        createRoom(user, tag + " c", "", "chat");

        ApiClient.Response page = api.get("/api/rooms/?room_type=chat&search=" + tag + "&limit=2", user.access());

        assertThat(page.header("Link")).isEqualTo("<http://localhost:" + port + "/api/rooms/?room_type=chat&search="
                + tag + "&limit=2&after=" + second + ">; rel=\"next\"");
    }

    @Test
    void listRoomsWithAfterThenOnlyLaterRooms() {
        TestUser user = newUser();
        long first = createRoom(user, tag + " first").get("id").asLong();
        long second = createRoom(user, tag + " second").get("id").asLong();
        long third = createRoom(user, tag + " third").get("id").asLong();

        ApiClient.Response response = api.get("/api/rooms/?search=" + tag + "&after=" + first, user.access());

        assertThat(ids(response)).containsExactly(second, third);
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void listRoomsWithFiltersNeverShowsDeletedRooms() {
        TestUser user = newUser();
        long kept = createRoom(user, tag + " kept").get("id").asLong();
        long deleted = createRoom(user, tag + " deleted").get("id").asLong();
        api.delete("/api/rooms/" + deleted + "/", user.access());

        ApiClient.Response filtered = api.get("/api/rooms/?search=" + tag + "&creator=me&limit=5", user.access());
        ApiClient.Response unfiltered = api.get("/api/rooms/", user.access());

        assertThat(ids(filtered)).containsExactly(kept);
        assertThat(ids(unfiltered)).contains(kept).doesNotContain(deleted);
    }

    @Test
    void listRoomsWithBadValuesThen400NamingEveryOne() {
        TestUser user = newUser();

        ApiClient.Response response = api.get("/api/rooms/?room_type=voice&creator=someone&after=x&limit=0",
                user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("""
                {"room_type": ["Select a valid choice. voice is not one of the available choices."],
                 "creator": ["Enter \\"me\\" or a valid integer."],
                 "after": ["A valid integer is required."],
                 "limit": ["Ensure this value is greater than or equal to 1."]}"""));
    }

    @Test
    void listRoomsWithLimitAboveThousandThen400() {
        TestUser user = newUser();

        ApiClient.Response response = api.get("/api/rooms/?limit=1001", user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json())
                .isEqualTo(json("{\"limit\":[\"Ensure this value is less than or equal to 1000.\"]}"));
    }

    @Test
    void listRoomsWithFiltersWithoutTokenThen401() {
        ApiClient.Response response = api.get("/api/rooms/?search=x&limit=1", null);

        assertThat(response.status()).isEqualTo(401);
    }

    static List<Long> ids(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().valueStream().map(room -> room.get("id").asLong()).toList();
    }
}
