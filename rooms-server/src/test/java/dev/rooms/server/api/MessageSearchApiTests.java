package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/messages/search/}. The server is shared, so every message carries this test's own word and
 * every search looks for it.
 */
abstract class MessageSearchApiTests extends ApiTest {

    private static final String SEARCH = "/api/messages/search/";

    @Autowired
    MessageService messages;

    private final String word = "word" + System.nanoTime();

    @Test
    void searchThenMatchesOfEveryRoomNewestFirstInHistoryShapeWithRoom() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        JsonNode general = createRoom(alice, "General");
        JsonNode random = createRoom(bob, "Random");
        MessageResponse first = messages.postMessage(general.get("id").asLong(), alice.id(), "the " + word + " is out");
        messages.postMessage(random.get("id").asLong(), bob.id(), "unrelated");
        MessageResponse second = messages.postMessage(random.get("id").asLong(), bob.id(), word.toUpperCase() + "!");

        ApiClient.Response response = api.get(SEARCH + "?q=" + word, alice.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().size()).isEqualTo(2);
        JsonNode newest = response.json().get(0);
        assertThat(newest.propertyNames()).containsExactly("id", "user", "content", "created_at", "room");
        assertThat(newest.get("id").asLong()).isEqualTo(second.id());
        assertThat(newest.get("room")).isEqualTo(json("{\"id\":" + random.get("id").asLong() + ",\"name\":\"Random\"}"));
        JsonNode oldest = response.json().get(1);
        assertThat(oldest.get("id").asLong()).isEqualTo(first.id());
        assertThat(oldest.get("user")).isEqualTo(json(
                "{\"id\":" + alice.id() + ",\"email\":\"" + alice.email() + "\",\"name\":\"" + alice.name() + "\"}"));
        assertThat(oldest.get("content").asString()).isEqualTo("the " + word + " is out");
        assertThat(oldest.get("created_at").asString()).isEqualTo(first.createdAt().toString());
        assertThat(response.header("Link")).isNull();
    }

    @Test
    void searchSkipsDeletedRooms() {
        TestUser user = newUser();
        long kept = createRoom(user, "Kept").get("id").asLong();
        long deleted = createRoom(user, "Deleted").get("id").asLong();
        messages.postMessage(kept, user.id(), word + " kept");
        messages.postMessage(deleted, user.id(), word + " deleted");
        api.delete("/api/rooms/" + deleted + "/", user.access());

        ApiClient.Response everywhere = api.get(SEARCH + "?q=" + word, user.access());
        ApiClient.Response inDeleted = api.get(SEARCH + "?q=" + word + "&room=" + deleted, user.access());

        assertThat(contents(everywhere)).containsExactly(word + " kept");
        assertThat(inDeleted.body()).isEqualTo("[]");
    }

    @Test
    void searchByRoomAndUserThenOnlyThose() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long one = createRoom(alice, "One").get("id").asLong();
        long two = createRoom(alice, "Two").get("id").asLong();
        messages.postMessage(one, alice.id(), word + " alice one");
        messages.postMessage(one, bob.id(), word + " bob one");
        messages.postMessage(two, alice.id(), word + " alice two");

        ApiClient.Response inOne = api.get(SEARCH + "?q=" + word + "&room=" + one, alice.access());
        ApiClient.Response byAlice = api.get(SEARCH + "?q=" + word + "&user=" + alice.id(), alice.access());
        ApiClient.Response both = api.get(SEARCH + "?q=" + word + "&room=" + one + "&user=" + bob.id(), alice.access());

        assertThat(contents(inOne)).containsExactly(word + " bob one", word + " alice one");
        assertThat(contents(byAlice)).containsExactly(word + " alice two", word + " alice one");
        assertThat(contents(both)).containsExactly(word + " bob one");
    }

    @Test
    void searchSinceInclusiveUntilExclusive() {
        TestUser user = newUser();
        long room = createRoom(user, "Times").get("id").asLong();
        List<MessageResponse> posted = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            posted.add(messages.postMessage(room, user.id(), word + " " + i));
        }

        ApiClient.Response response = api.get(SEARCH + "?q=" + word + "&since=" + posted.get(1).createdAt()
                + "&until=" + posted.get(3).createdAt(), user.access());

        assertThat(contents(response)).containsExactly(word + " 3", word + " 2");
    }

    @Test
    void searchWithLimitThenFollowingNextLinksReadsEveryResultOnceNewestFirst() {
        TestUser user = newUser();
        long room = createRoom(user, "Many").get("id").asLong();
        for (int i = 1; i <= 5; i++) {
            messages.postMessage(room, user.id(), word + " " + i);
        }

        List<String> read = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String path = SEARCH + "?q=" + word + "&limit=2";
        while (path != null) {
            ApiClient.Response page = api.get(path, user.access());
            read.addAll(contents(page));
            pageSizes.add(page.json().size());
            String next = LinkHeader.of(page).next();
            assertThat(LinkHeader.of(page).prev()).isNull();
            path = next == null ? null : pathOf(next);
        }

        assertThat(read).containsExactly(word + " 5", word + " 4", word + " 3", word + " 2", word + " 1");
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void searchWithoutLimitThenPageOfFifty() {
        TestUser user = newUser();
        long room = createRoom(user, "Fifty").get("id").asLong();
        for (int i = 1; i <= 51; i++) {
            messages.postMessage(room, user.id(), word + " " + i);
        }

        ApiClient.Response first = api.get(SEARCH + "?q=" + word, user.access());
        ApiClient.Response rest = api.get(pathOf(LinkHeader.of(first).next()), user.access());

        assertThat(contents(first)).hasSize(50).startsWith(word + " 51").endsWith(word + " 2");
        assertThat(contents(rest)).containsExactly(word + " 1");
        assertThat(rest.header("Link")).isNull();
    }

    @Test
    void searchWithoutQThen400Required() {
        TestUser user = newUser();

        ApiClient.Response missing = api.get(SEARCH, user.access());
        ApiClient.Response blank = api.get(SEARCH + "?q=%20", user.access());

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json()).isEqualTo(json("{\"q\":[\"This field is required.\"]}"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json()).isEqualTo(json("{\"q\":[\"This field may not be blank.\"]}"));
    }

    @Test
    void searchWithBadValuesThen400NamingEveryOne() {
        TestUser user = newUser();

        ApiClient.Response response = api.get(SEARCH + "?room=general&user=me&since=soon&before=last&limit=1001",
                user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().propertyNames())
                .containsExactlyInAnyOrder("q", "room", "user", "since", "before", "limit");
        assertThat(response.json().get("room")).isEqualTo(json("[\"A valid integer is required.\"]"));
        assertThat(response.json().get("limit"))
                .isEqualTo(json("[\"Ensure this value is less than or equal to 1000.\"]"));
    }

    @Test
    void searchWithoutTokenThen401() {
        ApiClient.Response response = api.get(SEARCH + "?q=x", null);

        assertThat(response.status()).isEqualTo(401);
    }

    private static List<String> contents(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().valueStream().map(m -> m.get("content").asString()).toList();
    }
}
