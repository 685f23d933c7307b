package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST}, {@code PATCH} and {@code DELETE} on a room's messages (issue 10), with {@code Idempotency-Key}. */
abstract class MessageWriteApiTests extends ApiTest {

    private ApiClient.Response post(long room, TestUser user, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + user.access()));
        all.addAll(List.of(headers));
        return api.send("POST", messages(room), "application/json", body.getBytes(StandardCharsets.UTF_8),
                all.toArray(String[]::new));
    }

    private static String messages(long room) {
        return "/api/rooms/" + room + "/messages/";
    }

    private List<JsonNode> history(long room, TestUser user, String query) {
        List<JsonNode> found = new ArrayList<>();
        api.get(messages(room) + query, user.access()).json().forEach(found::add);
        return found;
    }

    @Test
    void postThen201InTheHistoryShapeAndInTheHistory() {
        TestUser alice = newUser();
        long room = createRoom(alice, "Posting").get("id").asLong();

        ApiClient.Response posted = post(room, alice, "{\"content\": \"  Hello over REST  \"}");

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().propertyNames()).containsExactly("id", "user", "content", "created_at");
        assertThat(posted.json().get("content").asString()).isEqualTo("  Hello over REST  ");
        assertThat(posted.json().get("user").get("id").asLong()).isEqualTo(alice.id());
        assertThat(history(room, alice, "")).containsExactly(posted.json());
    }

    @Test
    void postWhenContentInvalidThen400LikeTheSocketsRules() {
        TestUser alice = newUser();
        long room = createRoom(alice, "Invalid").get("id").asLong();

        assertThat(post(room, alice, "{}").json()).isEqualTo(json("{\"content\":[\"This field is required.\"]}"));
        assertThat(post(room, alice, "{\"content\": null}").json())
                .isEqualTo(json("{\"content\":[\"This field may not be null.\"]}"));
        assertThat(post(room, alice, "{\"content\": 5}").json()).isEqualTo(json("{\"content\":[\"Not a valid string.\"]}"));
        assertThat(post(room, alice, "{\"content\": \" \\n \"}").json())
                .isEqualTo(json("{\"content\":[\"This field may not be blank.\"]}"));
        ApiClient.Response tooLong = post(room, alice, "{\"content\": \"" + "x".repeat(16_001) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json()).isEqualTo(json("{\"content\":[\"Ensure this field has no more than 16000 characters.\"]}"));
        assertThat(post(room, alice, "{\"content\": \"" + "x".repeat(16_000) + "\"}").status()).isEqualTo(201);
        assertThat(history(room, alice, "")).hasSize(1);
    }

    @Test
    void postWhenRoomMissingOrDeletedThen404AndWithoutTokenThen401() {
        TestUser alice = newUser();
        long room = createRoom(alice, "Gone").get("id").asLong();
        assertThat(api.delete("/api/rooms/" + room + "/", alice.access()).status()).isEqualTo(204);

        assertThat(post(room, alice, "{\"content\": \"hi\"}").json()).isEqualTo(notFound());
        assertThat(post(999_999_999, alice, "{\"content\": \"hi\"}").status()).isEqualTo(404);
        assertThat(api.post(messages(room), "{\"content\": \"hi\"}", null).status()).isEqualTo(401);
    }

    @Test
    void postTwiceWithOneIdempotencyKeyThenTheOriginalAndNothingPosted() {
        TestUser alice = newUser();
        long room = createRoom(alice, "Retry").get("id").asLong();
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = post(room, alice, "{\"content\": \"once\"}", "Idempotency-Key", key);
        ApiClient.Response retry = post(room, alice, "{\"content\": \"once\"}", "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(history(room, alice, "")).hasSize(1);
    }

    @Test
    void postConcurrentlyWithOneIdempotencyKeyThenExactlyOneMessage() throws Exception {
        TestUser alice = newUser();
        long room = createRoom(alice, "Race").get("id").asLong();
        String key = UUID.randomUUID().toString();
        int retries = 8;
        ExecutorService pool = Executors.newFixedThreadPool(retries);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();

        for (int i = 0; i < retries; i++) {
            answers.add(pool.submit(() -> {
                start.await();
                return post(room, alice, "{\"content\": \"exactly once\"}", "Idempotency-Key", key);
            }));
        }
        start.countDown();

        List<JsonNode> bodies = new ArrayList<>();
        for (Future<ApiClient.Response> answer : answers) {
            ApiClient.Response response = answer.get();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            bodies.add(response.json());
        }
        pool.shutdown();
        assertThat(bodies).allSatisfy(body -> assertThat(body).isEqualTo(bodies.get(0)));
        assertThat(history(room, alice, "")).containsExactly(bodies.get(0));
    }

    @Test
    void postWithAKeyOfAnotherUserOrAnotherRoomThenNotTheOriginal() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long room = createRoom(alice, "Keys").get("id").asLong();
        long otherRoom = createRoom(alice, "Other").get("id").asLong();
        String key = UUID.randomUUID().toString();
        ApiClient.Response original = post(room, alice, "{\"content\": \"alice's\"}", "Idempotency-Key", key);

        ApiClient.Response bobs = post(room, bob, "{\"content\": \"bob's\"}", "Idempotency-Key", key);
        ApiClient.Response elsewhere = post(otherRoom, alice, "{\"content\": \"elsewhere\"}", "Idempotency-Key", key);
        ApiClient.Response tooLong = post(room, alice, "{\"content\": \"x\"}", "Idempotency-Key", "k".repeat(256));

        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.json().get("id").asLong()).isNotEqualTo(original.json().get("id").asLong());
        assertThat(elsewhere.status()).isEqualTo(422);
        assertThat(elsewhere.json())
                .isEqualTo(json("{\"detail\":\"This Idempotency-Key was already used for a message in another room.\"}"));
        assertThat(tooLong.json()).isEqualTo(json("{\"detail\":\"Idempotency-Key must be 1 to 255 characters.\"}"));
        assertThat(history(room, alice, "")).hasSize(2);
        assertThat(history(otherRoom, alice, "")).isEmpty();
    }

    @Test
    void editByAuthorThen200WithEditedAtWhileTheHistoryKeepsTheSpecShapeUnlessAsked() {
        TestUser alice = newUser();
        long room = createRoom(alice, "Edits").get("id").asLong();
        JsonNode posted = post(room, alice, "{\"content\": \"teh typo\"}").json();
        long id = posted.get("id").asLong();

        ApiClient.Response edited = api.patch(messages(room) + id + "/", "{\"content\": \"the typo\"}", alice.access());

        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().propertyNames()).containsExactly("id", "user", "content", "created_at", "edited_at");
        assertThat(edited.json().get("content").asString()).isEqualTo("the typo");
        assertThat(edited.json().get("created_at")).isEqualTo(posted.get("created_at"));
        JsonNode plain = history(room, alice, "").get(0);
        assertThat(plain.propertyNames()).containsExactly("id", "user", "content", "created_at");
        assertThat(plain.get("content").asString()).isEqualTo("the typo");
        assertThat(history(room, alice, "?limit=10").get(0).has("edited_at")).isFalse();
        assertThat(history(room, alice, "?include=edited_at")).containsExactly(edited.json());
        assertThat(history(room, alice, "?include=edited_at&limit=10")).containsExactly(edited.json());
        assertThat(api.get(messages(room) + "?include=everything", alice.access()).status()).isEqualTo(400);
    }

    @Test
    void editByAnyoneElseThen403AndMissingThen404AndInvalidThen400() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long room = createRoom(alice, "Not yours").get("id").asLong();
        long otherRoom = createRoom(alice, "Elsewhere").get("id").asLong();
        long id = post(room, alice, "{\"content\": \"mine\"}").json().get("id").asLong();

        ApiClient.Response byBob = api.patch(messages(room) + id + "/", "{\"content\": \"hacked\"}", bob.access());
        ApiClient.Response wrongRoom = api.patch(messages(otherRoom) + id + "/", "{\"content\": \"x\"}", alice.access());
        ApiClient.Response missing = api.patch(messages(room) + (id + 1000) + "/", "{\"content\": \"x\"}", alice.access());
        ApiClient.Response blank = api.patch(messages(room) + id + "/", "{\"content\": \"\"}", alice.access());

        assertThat(byBob.status()).isEqualTo(403);
        assertThat(byBob.json()).isEqualTo(json("{\"detail\":\"You can only edit your own messages.\"}"));
        assertThat(wrongRoom.json()).isEqualTo(notFound());
        assertThat(missing.json()).isEqualTo(notFound());
        assertThat(blank.json()).isEqualTo(json("{\"content\":[\"This field may not be blank.\"]}"));
        assertThat(history(room, alice, "").get(0).get("content").asString()).isEqualTo("mine");
    }

    @Test
    void deleteByAuthorOrRoomCreatorThen204AndGoneAndByAnyoneElse403() {
        TestUser creator = newUser();
        TestUser bob = newUser();
        TestUser carol = newUser();
        long room = createRoom(creator, "Deletes").get("id").asLong();
        long bobs = post(room, bob, "{\"content\": \"bob's\"}").json().get("id").asLong();
        long carols = post(room, carol, "{\"content\": \"carol's\"}").json().get("id").asLong();
        long another = post(room, bob, "{\"content\": \"bob's second\"}").json().get("id").asLong();

        ApiClient.Response byStranger = api.delete(messages(room) + bobs + "/", carol.access());
        ApiClient.Response byAuthor = api.delete(messages(room) + bobs + "/", bob.access());
        ApiClient.Response byCreator = api.delete(messages(room) + carols + "/", creator.access());
        ApiClient.Response again = api.delete(messages(room) + bobs + "/", bob.access());

        assertThat(byStranger.status()).isEqualTo(403);
        assertThat(byStranger.json()).isEqualTo(
                json("{\"detail\":\"You can only delete your own messages or messages in rooms you created.\"}"));
        assertThat(byAuthor.status()).isEqualTo(204);
        assertThat(byAuthor.body()).isEmpty();
        assertThat(byCreator.status()).isEqualTo(204);
        assertThat(again.json()).isEqualTo(notFound());
        assertThat(history(room, creator, "")).extracting(m -> m.get("id").asLong()).containsExactly(another);
    }
}
