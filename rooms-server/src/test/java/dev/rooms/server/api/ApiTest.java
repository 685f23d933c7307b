package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Base of the API tests. Each concrete test class runs the same tests against one database; the server (and
 * its data) is shared between tests, so every test works with users and rooms of its own.
 */
abstract class ApiTest {

    static final String PASSWORD = "correct-horse-battery";
    private static final AtomicInteger USERS = new AtomicInteger();

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }

    /** A freshly registered and logged-in user. */
    TestUser newUser() {
        String email = "user" + USERS.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
        String name = "Test User " + USERS.get();
        ApiClient.Response registered = api.post("/auth/register/",
                "{\"email\":\"" + email + "\",\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}", null);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode tokens = login(email, PASSWORD).json();
        return new TestUser(registered.json().get("id").asLong(), email, name,
                tokens.get("access").asString(), tokens.get("refresh").asString());
    }

    ApiClient.Response login(String email, String password) {
        return api.post("/auth/login/", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
    }

    JsonNode createRoom(TestUser user, String name) {
        ApiClient.Response created = api.post("/api/rooms/",
                "{\"name\":\"" + name + "\",\"description\":\"About " + name + "\",\"room_type\":\"chat\"}",
                user.access());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** A room with every writable field chosen. */
    JsonNode createRoom(TestUser user, String name, String description, String roomType) {
        ApiClient.Response created = api.post("/api/rooms/", ApiClient.JSON.createObjectNode()
                .put("name", name).put("description", description).put("room_type", roomType).toString(), user.access());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** The path and query of a link the server gave, which must point at this same server. */
    String pathOf(String url) {
        assertThat(url).startsWith("http://localhost:" + port + "/");
        return url.substring(("http://localhost:" + port).length());
    }

    static String urlEncode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    static JsonNode json(String text) {
        return ApiClient.json(text);
    }

    static JsonNode notFound() {
        return json("{\"detail\":\"Not found.\"}");
    }
}
