package dev.rooms.sdk;

import static dev.rooms.sdk.RestCallsTest.body;
import static dev.rooms.sdk.RestCallsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.HistoryMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Presence;
import dev.rooms.sdk.model.Tokens;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST calls of issue 10: post (idempotent), edit, delete and presence. */
class MessagesAndPresenceTest {

    private static final UserSummary ADA = new UserSummary(1, "ada@example.com", "Ada");
    private static final String ADA_JSON = "{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada\"}";
    private static final String MESSAGE_JSON = "{\"id\":42,\"user\":" + ADA_JSON
            + ",\"content\":\"hello\",\"created_at\":\"2026-12-04T10:00:00Z\"}";
    private static final Message MESSAGE = new Message(42, ADA, "hello", Instant.parse("2026-12-04T10:00:00Z"), null);

    private final MockWebServer server = new MockWebServer();
    private final TokenStore store = TokenStore.inMemory();
    private final Tokens tokens = TestTokens.longLived();
    private RoomsClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        store.save(tokens);
        client = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static MockResponse cutOff() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request").isNotNull();
        return request;
    }

    @Test
    void postSendsTheContentWithAFreshIdempotencyKeyAndMapsTheMessage() throws Exception {
        server.enqueue(json(201, MESSAGE_JSON));
        server.enqueue(json(201, MESSAGE_JSON));

        Message posted = client.rooms().post(7, "hello");
        client.rooms().post(7, "hello");

        assertThat(posted).isEqualTo(MESSAGE);
        RecordedRequest first = take();
        assertThat(first.getMethod()).isEqualTo("POST");
        assertThat(first.getTarget()).isEqualTo("/api/rooms/7/messages/");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(body(first)).isEqualTo("{\"content\":\"hello\"}");
        String key = first.getHeaders().get("Idempotency-Key");
        assertThat(key).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(take().getHeaders().get("Idempotency-Key")).as("a new message, a new key").isNotEqualTo(key);
    }

    @Test
    void postWhenTheConnectionBreaksBeforeTheAnswerThenSentAgainWithTheSameKey() throws Exception {
        server.enqueue(cutOff());
        server.enqueue(cutOff());
        server.enqueue(json(201, MESSAGE_JSON));

        Message posted = client.rooms().post(7, "hello", "my-key-1");

        assertThat(posted).isEqualTo(MESSAGE);
        assertThat(server.getRequestCount()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(take().getHeaders().get("Idempotency-Key")).isEqualTo("my-key-1");
        }
    }

    @Test
    void postWhenEveryAttemptBreaksThenTransportExceptionAfterThreeAttempts() {
        server.enqueue(cutOff());
        server.enqueue(cutOff());
        server.enqueue(cutOff());
        server.enqueue(json(201, MESSAGE_JSON));

        assertThatThrownBy(() -> client.rooms().post(7, "hello")).isInstanceOf(TransportException.class)
                .hasMessageContaining("it may or may not have taken effect");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void postWhenRefusedThenValidationExceptionWithoutRetry() throws Exception {
        server.enqueue(json(400, "{\"content\":[\"This field may not be blank.\"]}"));

        assertThatThrownBy(() -> client.rooms().post(7, " ")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fieldErrors())
                        .containsEntry("content", List.of("This field may not be blank.")));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void editPatchesTheContentAndMapsEditedAt() throws Exception {
        server.enqueue(json(200, MESSAGE_JSON.replace("}", ",\"edited_at\":\"2026-12-04T10:05:00Z\"}")
                .replace("\"hello\"", "\"hello!\"")));

        EditedMessage edited = client.rooms().edit(7, 42, "hello!");

        assertThat(edited.message().content()).isEqualTo("hello!");
        assertThat(edited.message().id()).isEqualTo(42);
        assertThat(edited.editedAt()).isEqualTo(Instant.parse("2026-12-04T10:05:00Z"));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getTarget()).isEqualTo("/api/rooms/7/messages/42/");
        assertThat(body(request)).isEqualTo("{\"content\":\"hello!\"}");
    }

    @Test
    void editWhenNotTheAuthorThenForbiddenWithTheServersDetail() {
        server.enqueue(json(403, "{\"detail\":\"You can only edit your own messages.\"}"));

        assertThatThrownBy(() -> client.rooms().edit(7, 42, "x")).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("You can only edit your own messages.");
    }

    @Test
    void deleteMessageSendsDelete() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());

        client.rooms().deleteMessage(7, 42);

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getTarget()).isEqualTo("/api/rooms/7/messages/42/");
    }

    @Test
    void messagesWithEditsAsksForEditedAtAndMapsItWhereTheServerSentIt() throws Exception {
        server.enqueue(json(200, "[" + MESSAGE_JSON + ",{\"id\":43,\"user\":" + ADA_JSON + ",\"content\":\"hello\","
                + "\"created_at\":\"2026-12-04T10:00:00Z\",\"edited_at\":\"2026-12-04T10:05:00Z\"}]"));

        List<HistoryMessage> history = client.rooms().messagesWithEdits(7, MessageQuery.builder().limit(20).build());

        assertThat(history).containsExactly(new HistoryMessage(MESSAGE, null),
                new HistoryMessage(new Message(43, ADA, "hello", MESSAGE.createdAt(), null),
                        Instant.parse("2026-12-04T10:05:00Z")));
        assertThat(history).extracting(HistoryMessage::edited).containsExactly(false, true);
        assertThat(take().getTarget()).isEqualTo("/api/rooms/7/messages/?limit=20&include=edited_at");
    }

    @Test
    void presenceReadsWhoIsConnected() throws Exception {
        server.enqueue(json(200, "[{\"user\":" + ADA_JSON + ",\"connections\":2,\"since\":\"2026-12-04T09:00:00Z\"}]"));

        List<Presence> present = client.rooms().presence(7);

        assertThat(present).containsExactly(new Presence(ADA, 2, Instant.parse("2026-12-04T09:00:00Z")));
        assertThat(take().getTarget()).isEqualTo("/api/rooms/7/presence/");
    }
}
