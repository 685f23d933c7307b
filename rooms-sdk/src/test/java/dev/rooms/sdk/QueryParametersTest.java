package dev.rooms.sdk;

import static dev.rooms.sdk.RestCallsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rooms.sdk.model.FoundMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomSummary;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every query type's parameters on the wire, and the checks that keep a bad query from being sent. */
class QueryParametersTest {

    static final String ROOM_JSON = "{\"id\":3,\"name\":\"Eng\",\"description\":\"\","
            + "\"creator\":{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada\"},"
            + "\"room_type\":\"video\",\"created_at\":\"2026-12-01T00:00:00Z\",\"is_active\":true}";
    static final String MESSAGE_JSON = "{\"id\":41,\"user\":{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada\"},"
            + "\"content\":\"deploy done\",\"created_at\":\"2026-12-02T10:00:00Z\"}";
    private static final UserSummary ADA = new UserSummary(1, "ada@example.com", "Ada");
    private static final Instant SINCE = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-03T12:30:00.5Z");

    private final MockWebServer server = new MockWebServer();
    private RoomsClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        TokenStore store = TokenStore.inMemory();
        store.save(TestTokens.longLived());
        client = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void roomQueryWithEveryFilterSendsEachParameterEncoded() throws Exception {
        server.enqueue(json(200, "[" + ROOM_JSON + "]"));

        List<Room> rooms = client.rooms().list(RoomQuery.builder().type(RoomType.VIDEO).search("eng & ops+1 ü")
                .creator(42).limit(50).after(7).build());

        assertThat(rooms).extracting(Room::name).containsExactly("Eng");
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget())
                .isEqualTo("/api/rooms/?room_type=video&search=eng%20%26%20ops%2B1%20%C3%BC&creator=42&limit=50&after=7");
        assertThat(request.getUrl().queryParameter("search")).isEqualTo("eng & ops+1 ü");
        assertThat(request.getHeaders().get("Authorization")).startsWith("Bearer ");
    }

    @Test
    void roomQueryMineSendsCreatorMeAndReplacesAnEarlierCreator() throws Exception {
        server.enqueue(json(200, "[]"));
        server.enqueue(json(200, "[]"));

        client.rooms().list(RoomQuery.builder().creator(42).mine().build());
        client.rooms().list(RoomQuery.builder().mine().creator(42).type(RoomType.CHAT).build());

        assertThat(take().getTarget()).isEqualTo("/api/rooms/?creator=me");
        assertThat(take().getTarget()).isEqualTo("/api/rooms/?room_type=chat&creator=42");
    }

    @Test
    void emptyRoomQuerySendsNoParametersAsTheSpecCallDoes() throws Exception {
        server.enqueue(json(200, "[]"));

        client.rooms().list(RoomQuery.builder().build());

        assertThat(take().getTarget()).isEqualTo("/api/rooms/");
    }

    @Test
    void messageQueryWithEveryFilterSendsEachParameterEncoded() throws Exception {
        server.enqueue(json(200, "[" + MESSAGE_JSON + "]"));

        List<Message> page = client.rooms().messages(7, MessageQuery.builder().after(10).before(99).since(SINCE)
                .until(UNTIL).search("100% deploy?").user(3).limit(20).build());

        assertThat(page).containsExactly(new Message(41, ADA, "deploy done", Instant.parse("2026-12-02T10:00:00Z"),
                null));
        RecordedRequest request = take();
        assertThat(request.getTarget()).startsWith("/api/rooms/7/messages/?after=10&before=99&since=");
        HttpUrl url = request.getUrl();
        assertThat(url.queryParameterNames())
                .containsExactly("after", "before", "since", "until", "search", "user", "limit");
        assertThat(url.queryParameter("since")).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(url.queryParameter("until")).isEqualTo("2026-12-03T12:30:00.500Z");
        assertThat(url.queryParameter("search")).isEqualTo("100% deploy?");
        assertThat(url.queryParameter("user")).isEqualTo("3");
        assertThat(url.queryParameter("limit")).isEqualTo("20");
        assertThat(request.getTarget()).contains("search=100%25%20deploy%3F");
    }

    @Test
    void messageQueryBeforeWithLimitSendsOnlyThose() throws Exception {
        server.enqueue(json(200, "[]"));
        server.enqueue(json(200, "[]"));

        client.rooms().messages(7, MessageQuery.builder().before(99).limit(50).build());
        client.rooms().messages(7, MessageQuery.builder().build());

        assertThat(take().getTarget()).isEqualTo("/api/rooms/7/messages/?before=99&limit=50");
        assertThat(take().getTarget()).isEqualTo("/api/rooms/7/messages/");
    }

    @Test
    void messageSearchSendsQAndEveryFilterAndMapsEachResultWithItsRoom() throws Exception {
        String found = MESSAGE_JSON.substring(0, MESSAGE_JSON.length() - 1) + ",\"room\":{\"id\":7,\"name\":\"Ops\"}}";
        server.enqueue(json(200, "[" + found + "]"));

        List<FoundMessage> results = client.messages().search(MessageSearch.builder("deploy & roll").room(7).user(3)
                .since(SINCE).until(UNTIL).before(500).limit(25).build());

        assertThat(results).containsExactly(new FoundMessage(
                new Message(41, ADA, "deploy done", Instant.parse("2026-12-02T10:00:00Z"), null),
                new RoomSummary(7, "Ops")));
        RecordedRequest request = take();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/api/messages/search/");
        assertThat(request.getTarget()).startsWith("/api/messages/search/?q=deploy%20%26%20roll&room=7&user=3&since=");
        assertThat(request.getUrl().queryParameterNames())
                .containsExactly("q", "room", "user", "since", "until", "before", "limit");
        assertThat(request.getUrl().queryParameter("until")).isEqualTo("2026-12-03T12:30:00.500Z");
        assertThat(request.getUrl().queryParameter("before")).isEqualTo("500");
        assertThat(request.getUrl().queryParameter("limit")).isEqualTo("25");
    }

    @Test
    void messageSearchOfTextAloneSendsOnlyQ() throws Exception {
        server.enqueue(json(200, "[]"));

        client.messages().search(MessageSearch.of("deploy"));

        assertThat(take().getTarget()).isEqualTo("/api/messages/search/?q=deploy");
    }

    @Test
    void searchResultWithoutItsRoomIsAnUnexpectedAnswer() {
        server.enqueue(json(200, "[" + MESSAGE_JSON + "]"));

        assertThatThrownBy(() -> client.messages().search(MessageSearch.of("deploy")))
                .isInstanceOf(TransportException.class).hasMessageContaining("Unexpected answer");
    }

    @Test
    void parameterRefusedByTheServerThenValidationExceptionNamingIt() {
        server.enqueue(json(400, "{\"since\":[\"Enter a valid date/time.\"]}"));

        assertThatThrownBy(() -> client.rooms().messages(7, MessageQuery.builder().since(SINCE).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("since", List.of("Enter a valid date/time.")));
    }

    @Test
    void badValuesAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> RoomQuery.builder().limit(0)).hasMessage("limit must be 1 to 1000: 0");
        assertThatThrownBy(() -> RoomQuery.builder().limit(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoomQuery.builder().after(-1)).hasMessage("after must not be negative: -1");
        assertThatThrownBy(() -> RoomQuery.builder().creator(0)).hasMessage("creatorId must be positive: 0");
        assertThatThrownBy(() -> RoomQuery.builder().search(" ")).hasMessage("search is blank");
        assertThatThrownBy(() -> new RoomQuery(null, null, 4L, true, null, null))
                .hasMessage("mine and creatorId 4 exclude each other");
        assertThatThrownBy(() -> MessageQuery.builder().before(0)).hasMessage("before must be positive: 0");
        assertThatThrownBy(() -> MessageQuery.builder().user(-2)).hasMessage("userId must be positive: -2");
        assertThatThrownBy(() -> MessageQuery.builder().after(5).before(6).build())
                .hasMessage("no message id is between after 5 and before 6");
        assertThatThrownBy(() -> MessageQuery.builder().since(UNTIL).until(SINCE).build())
                .hasMessage("since " + UNTIL + " is not before until " + SINCE);
        assertThatThrownBy(() -> MessageQuery.builder().since(SINCE).until(SINCE).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSearch.of("  ")).hasMessage("text is blank");
        assertThatThrownBy(() -> MessageSearch.builder("x").room(0)).hasMessage("roomId must be positive: 0");
        assertThatThrownBy(() -> MessageSearch.builder("x").limit(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageSearch.of(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> client.rooms().list(null)).isInstanceOf(NullPointerException.class);

        assertThat(MessageQuery.builder().after(5).before(7).build().before()).isEqualTo(7L);
        assertThat(server.getRequestCount()).isZero();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request").isNotNull();
        return request;
    }
}
