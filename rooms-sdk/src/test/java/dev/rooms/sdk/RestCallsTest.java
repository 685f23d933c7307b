package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.Tokens;
import dev.rooms.sdk.model.User;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RestCallsTest {

    static final String ROOM_JSON = "{\"id\":3,\"name\":\"New Room\",\"description\":\"Room description\","
            + "\"creator\":{\"id\":1,\"email\":\"user@example.com\",\"name\":\"User Name\"},"
            + "\"room_type\":\"chat\",\"created_at\":\"2024-01-03T00:00:00Z\",\"is_active\":true}";
    private static final String USER_JSON = "{\"id\":1,\"email\":\"user@example.com\",\"name\":\"John Doe\","
            + "\"date_joined\":\"2026-11-25T15:59:11.747019Z\"}";
    private static final Room ROOM = new Room(3, "New Room", "Room description",
            new UserSummary(1, "user@example.com", "User Name"), RoomType.CHAT,
            Instant.parse("2024-01-03T00:00:00Z"), true);

    private final MockWebServer server = new MockWebServer();
    private final TokenStore store = TokenStore.inMemory();
    private final Tokens tokens = TestTokens.longLived();
    private RoomsClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store)
                .userAgent("rooms-test/1.0").build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerPostsTheAccountWithoutTokenAndMapsTheUser() throws Exception {
        server.enqueue(json(201, USER_JSON));

        User user = client.auth().register("user@example.com", "John Doe", "securepassword123");

        assertThat(user).isEqualTo(new User(1, "user@example.com", "John Doe",
                Instant.parse("2026-11-25T15:59:11.747019Z")));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/auth/register/");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rooms-test/1.0");
        assertThat(body(request))
                .isEqualTo("{\"email\":\"user@example.com\",\"name\":\"John Doe\",\"password\":\"securepassword123\"}");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void loginPostsCredentialsAndSavesTheTokens() throws Exception {
        server.enqueue(json(200, "{\"refresh\":\"" + tokens.refresh() + "\",\"access\":\"" + tokens.access() + "\"}"));

        Tokens answer = client.auth().login("user@example.com", "pw");

        assertThat(answer).isEqualTo(tokens);
        assertThat(store.load()).contains(tokens);
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/auth/login/");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(body(request)).isEqualTo("{\"email\":\"user@example.com\",\"password\":\"pw\"}");
    }

    @Test
    void refreshPostsTheStoredRefreshTokenAndStoresTheNewAccessToken() throws Exception {
        store.save(tokens);
        String fresh = TestTokens.access(java.time.Duration.ofHours(24));
        server.enqueue(json(200, "{\"access\":\"" + fresh + "\"}"));

        Tokens answer = client.auth().refresh();

        assertThat(answer).isEqualTo(new Tokens(fresh, tokens.refresh()));
        assertThat(store.load()).contains(answer);
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/auth/token/refresh/");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(body(request)).isEqualTo("{\"refresh\":\"" + tokens.refresh() + "\"}");
    }

    @Test
    void profileSendsTheBearerTokenAndMapsTheUser() throws Exception {
        store.save(tokens);
        server.enqueue(json(200, USER_JSON));

        User user = client.auth().profile();

        assertThat(user.email()).isEqualTo("user@example.com");
        assertThat(user.dateJoined()).isEqualTo(Instant.parse("2026-11-25T15:59:11.747019Z"));
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/auth/profile/");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(request.getHeaders().get("User-Agent")).isEqualTo("rooms-test/1.0");
    }

    @Test
    void updateProfilePatchesOnlyTheGivenFields() throws Exception {
        store.save(tokens);
        server.enqueue(json(200, USER_JSON.replace("John Doe", "Updated Name")));
        server.enqueue(json(200, USER_JSON.replace("user@example.com", "new@example.com")));

        User renamed = client.auth().updateProfile(ProfileChanges.builder().name("Updated Name").build());
        User moved = client.auth().updateProfile(ProfileChanges.builder().email("new@example.com").build());

        assertThat(renamed.name()).isEqualTo("Updated Name");
        assertThat(moved.email()).isEqualTo("new@example.com");
        RecordedRequest first = take();
        assertThat(first.getMethod()).isEqualTo("PATCH");
        assertThat(first.getTarget()).isEqualTo("/auth/profile/");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(first.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(first)).isEqualTo("{\"name\":\"Updated Name\"}");
        assertThat(body(take())).isEqualTo("{\"email\":\"new@example.com\"}");
    }

    @Test
    void updateProfileWithNothingToChangeIsRejectedLocally() {
        assertThatThrownBy(() -> ProfileChanges.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing to change: set a name or an email address");
        assertThatThrownBy(() -> RoomChanges.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing to change: set a name or a description");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void deleteAccountDeletesTheProfileAndClearsTheStore() throws Exception {
        store.save(tokens);
        server.enqueue(new MockResponse.Builder().code(204).build());

        client.auth().deleteAccount();

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getTarget()).isEqualTo("/auth/profile/");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(store.load()).isEmpty();
    }

    @Test
    void logoutSendsTheRefreshTokenForRevocationAndClearsTheStore() throws Exception {
        store.save(tokens);
        server.enqueue(json(200, "{\"message\":\"Successfully logged out\"}"));

        client.auth().logout();

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/auth/logout/");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(body(request)).isEqualTo("{\"refresh\":\"" + tokens.refresh() + "\"}");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void logoutWhenTheServerFailsStillClearsTheStore() {
        store.save(tokens);
        server.enqueue(json(500, "{\"detail\":\"A server error occurred.\"}"));

        assertThatThrownBy(() -> client.auth().logout()).isInstanceOf(ApiException.class)
                .hasMessage("A server error occurred.");

        assertThat(store.load()).isEmpty();
    }

    @Test
    void logoutWhenTheServerIsUnreachableThenKeepsTheTokensForAnotherTry() throws Exception {
        store.save(tokens);
        server.close();

        assertThatThrownBy(() -> client.auth().logout()).isInstanceOf(TransportException.class);

        assertThat(store.load()).contains(tokens);
    }

    @Test
    void listRoomsMapsEveryField() throws Exception {
        store.save(tokens);
        server.enqueue(json(200, "[" + ROOM_JSON + "," + ROOM_JSON.replace("\"id\":3", "\"id\":4")
                .replace("\"chat\"", "\"video\"") + "]"));

        List<Room> rooms = client.rooms().list();

        assertThat(rooms).hasSize(2);
        assertThat(rooms.get(0)).isEqualTo(ROOM);
        assertThat(rooms.get(1).roomType()).isEqualTo(RoomType.VIDEO);
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/rooms/");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
    }

    @Test
    void createRoomPostsNameDescriptionAndWireRoomType() throws Exception {
        store.save(tokens);
        server.enqueue(json(201, ROOM_JSON));
        server.enqueue(json(201, ROOM_JSON.replace("Room description", "")));

        Room created = client.rooms().create("New Room", "Room description", RoomType.CHAT);
        Room bare = client.rooms().create("New Room", null, RoomType.VIDEO);

        assertThat(created).isEqualTo(ROOM);
        assertThat(bare.description()).isEmpty();
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/api/rooms/");
        assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(body(request))
                .isEqualTo("{\"name\":\"New Room\",\"description\":\"Room description\",\"room_type\":\"chat\"}");
        assertThat(body(take())).isEqualTo("{\"name\":\"New Room\",\"room_type\":\"video\"}");
    }

    @Test
    void getRoomReadsOneRoom() throws Exception {
        store.save(tokens);
        server.enqueue(json(200, ROOM_JSON));

        Room room = client.rooms().get(3);

        assertThat(room).isEqualTo(ROOM);
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/rooms/3/");
    }

    @Test
    void updateRoomPatchesOnlyTheGivenFields() throws Exception {
        store.save(tokens);
        server.enqueue(json(200, ROOM_JSON.replace("New Room", "Renamed")));

        server.enqueue(json(200, ROOM_JSON.replace("Room description", "")));

        Room room = client.rooms().update(3, RoomChanges.builder().name("Renamed").build());
        Room emptied = client.rooms().update(3, RoomChanges.builder().description("").build());

        assertThat(room.name()).isEqualTo("Renamed");
        assertThat(emptied.description()).isEmpty();
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getTarget()).isEqualTo("/api/rooms/3/");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(body(request)).isEqualTo("{\"name\":\"Renamed\"}");
        assertThat(body(take())).isEqualTo("{\"description\":\"\"}");
    }

    @Test
    void deleteRoomSendsDelete() throws Exception {
        store.save(tokens);
        server.enqueue(new MockResponse.Builder().code(204).build());

        client.rooms().delete(3);

        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("DELETE");
        assertThat(request.getTarget()).isEqualTo("/api/rooms/3/");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
    }

    @Test
    void listMessagesMapsHistoryAndAfterAddsTheQueryParameter() throws Exception {
        store.save(tokens);
        String history = "[{\"id\":1,\"user\":{\"id\":1,\"email\":\"user@example.com\",\"name\":\"User Name\"},"
                + "\"content\":\"Hello, world!\",\"created_at\":\"2024-01-01T00:00:00Z\"}]";
        server.enqueue(json(200, history));
        server.enqueue(json(200, "[]"));

        List<Message> all = client.rooms().listMessages(7);
        List<Message> newer = client.rooms().listMessagesAfter(7, 41);

        assertThat(all).containsExactly(new Message(1, new UserSummary(1, "user@example.com", "User Name"),
                "Hello, world!", Instant.parse("2024-01-01T00:00:00Z"), null));
        assertThat(newer).isEmpty();
        RecordedRequest first = take();
        assertThat(first.getMethod()).isEqualTo("GET");
        assertThat(first.getTarget()).isEqualTo("/api/rooms/7/messages/");
        assertThat(take().getTarget()).isEqualTo("/api/rooms/7/messages/?after=41");
    }

    @Test
    void recentMessagesSendsLimitAndKeepsTheServersOldestFirstOrder() throws Exception {
        store.save(tokens);
        String newest = "[{\"id\":8,\"user\":{\"id\":1,\"email\":\"user@example.com\",\"name\":\"User Name\"},"
                + "\"content\":\"older\",\"created_at\":\"2024-01-01T00:00:00Z\"},"
                + "{\"id\":9,\"user\":{\"id\":1,\"email\":\"user@example.com\",\"name\":\"User Name\"},"
                + "\"content\":\"newest\",\"created_at\":\"2024-01-01T00:00:01Z\"}]";
        server.enqueue(json(200, newest));

        List<Message> recent = client.rooms().recentMessages(7, 2);

        assertThat(recent).extracting(Message::id).containsExactly(8L, 9L);
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getTarget()).isEqualTo("/api/rooms/7/messages/?limit=2");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
    }

    @Test
    void listMessagesAfterWithLimitSendsBothParameters() throws Exception {
        store.save(tokens);
        server.enqueue(json(200, "[]"));

        List<Message> page = client.rooms().listMessagesAfter(7, 41, 1000);

        assertThat(page).isEmpty();
        assertThat(take().getTarget()).isEqualTo("/api/rooms/7/messages/?after=41&limit=1000");
    }

    @Test
    void messageLimitOutOfRangeThenIllegalArgumentWithoutRequest() {
        store.save(tokens);

        assertThatThrownBy(() -> client.rooms().recentMessages(7, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.rooms().recentMessages(7, 1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.rooms().listMessagesAfter(7, -1, 10))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void messageLimitRejectedByServerThenValidationExceptionWithFieldError() {
        store.save(tokens);
        server.enqueue(json(400, "{\"limit\":[\"Ensure this value is less than or equal to 1000.\"]}"));

        assertThatThrownBy(() -> client.rooms().recentMessages(7, 5))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.fieldErrors()).containsEntry("limit",
                            List.of("Ensure this value is less than or equal to 1000."));
                    assertThat(e.getMessage()).isEqualTo("limit: Ensure this value is less than or equal to 1000.");
                });
    }

    @Test
    void baseUrlPathIsKeptAsPrefix() throws Exception {
        store.save(tokens);
        RoomsClient prefixed = RoomsClient.builder().baseUrl(server.url("/rooms").toString()).tokenStore(store).build();
        server.enqueue(json(200, "[]"));

        prefixed.rooms().list();

        RecordedRequest request = take();
        assertThat(request.getTarget()).isEqualTo("/rooms/api/rooms/");
        assertThat(request.getHeaders().get("User-Agent")).matches("rooms-java-sdk/\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void sharedOkHttpClientIsUsedWithItsInterceptors() throws Exception {
        store.save(tokens);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        OkHttpClient shared = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    seen.add(chain.request().url().encodedPath());
                    return chain.proceed(chain.request().newBuilder().header("X-Trace", "t-1").build());
                })
                .build();
        RoomsClient sharing = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store)
                .okHttpClient(shared).build();
        server.enqueue(json(200, "[]"));

        sharing.rooms().list();

        assertThat(seen).containsExactly("/api/rooms/");
        assertThat(take().getHeaders().get("X-Trace")).isEqualTo("t-1");
    }

    @Test
    void unreadableSuccessAnswerIsATransportException() {
        store.save(tokens);
        server.enqueue(json(200, "<html>proxy</html>"));

        assertThatThrownBy(() -> client.rooms().list()).isInstanceOf(TransportException.class)
                .hasMessageContaining("Unexpected answer");
    }

    @Test
    void unreachableServerIsATransportException() {
        server.close();

        assertThatThrownBy(() -> client.rooms().list()).isInstanceOf(TransportException.class)
                .hasMessageStartingWith("Cannot reach " + server.url("/api/rooms/"))
                .hasCauseInstanceOf(java.net.ConnectException.class);
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request").isNotNull();
        return request;
    }
}
