package dev.rooms.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain HTTP client for tests that drive the server's REST API: real requests and raw answers, nothing the
 * SDK would smooth over ({@link #get}, {@link #post}, {@link #send} ...), and the few calls most tests need as
 * set-up, which assert their expected status ({@link #register}, {@link #createRoom} ...).
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response post(String path, String json, String token) {
        return send(withJson(request(path, token), "POST", json));
    }

    public Response patch(String path, String json, String token) {
        return send(withJson(request(path, token), "PATCH", json));
    }

    public Response put(String path, String json, String token) {
        return send(withJson(request(path, token), "PUT", json));
    }

    /** Any method, body and headers (name, value, name, value...). */
    public Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(path, null);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            builder.headers(headers);
        }
        builder.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(builder);
    }

    /** A POST whose length is not declared up front, so it travels chunked. */
    public Response postChunked(String path, byte[] body, String token) {
        return send(withJson(request(path, token), "POST", null)
                .method("POST", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    /** Registers and logs in a new account named {@code name} (with a unique email). */
    public TestUser register(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        String password = "correct-horse-battery-" + name;
        JsonNode created = call("POST", "/auth/register/", null,
                Map.of("email", email, "name", name, "password", password), 201);
        JsonNode tokens = call("POST", "/auth/login/", null, Map.of("email", email, "password", password), 200);
        return new TestUser(created.get("id").longValue(), email, name,
                tokens.get("access").stringValue(), tokens.get("refresh").stringValue());
    }

    /** A chat room of the user's; returns its id. */
    public long createRoom(TestUser user) {
        return call("POST", "/api/rooms/", user.access(), Map.of("name", "room", "room_type", "chat"), 201)
                .get("id").longValue();
    }

    /** The status of {@code GET} on a room: 200 while it exists. */
    public int roomStatus(TestUser user, long roomId) {
        return get("/api/rooms/" + roomId + "/", user.access()).status();
    }

    /** Renames the account; returns the name the server answered with. */
    public String rename(TestUser user, String name) {
        return call("PATCH", "/auth/profile/", user.access(), Map.of("name", name), 200).get("name").stringValue();
    }

    /** The account's name as stored. */
    public String name(TestUser user) {
        return call("GET", "/auth/profile/", user.access(), null, 200).get("name").stringValue();
    }

    public void deleteRoom(TestUser user, long roomId) {
        call("DELETE", "/api/rooms/" + roomId + "/", user.access(), null, 204);
    }

    public void deleteAccount(TestUser user) {
        call("DELETE", "/auth/profile/", user.access(), null, 204);
    }

    public List<JsonNode> history(TestUser user, long roomId) {
        List<JsonNode> messages = new ArrayList<>();
        call("GET", "/api/rooms/" + roomId + "/messages/", user.access(), null, 200).forEach(messages::add);
        return messages;
    }

    /** Posts a chat message over REST (201 expected); {@code idempotencyKey} may be {@code null}. */
    public JsonNode post(TestUser user, long roomId, String content, String idempotencyKey) {
        String path = "/api/rooms/" + roomId + "/messages/";
        byte[] body = JSON.writeValueAsBytes(Map.of("content", content));
        Response response = idempotencyKey == null
                ? send("POST", path, "application/json", body, "Authorization", "Bearer " + user.access())
                : send("POST", path, "application/json", body, "Authorization", "Bearer " + user.access(),
                        "Idempotency-Key", idempotencyKey);
        assertThat(response.status()).as("POST message: %s", response.body()).isEqualTo(201);
        return response.json();
    }

    public JsonNode edit(TestUser user, long roomId, long messageId, String content) {
        return call("PATCH", "/api/rooms/" + roomId + "/messages/" + messageId + "/", user.access(),
                Map.of("content", content), 200);
    }

    public void deleteMessage(TestUser user, long roomId, long messageId) {
        call("DELETE", "/api/rooms/" + roomId + "/messages/" + messageId + "/", user.access(), null, 204);
    }

    /** {@code GET /api/rooms/{id}/presence/}. */
    public List<JsonNode> presence(TestUser user, long roomId) {
        List<JsonNode> present = new ArrayList<>();
        call("GET", "/api/rooms/" + roomId + "/presence/", user.access(), null, 200).forEach(present::add);
        return present;
    }

    private JsonNode call(String method, String path, String token, Object body, int expectedStatus) {
        Response response = send(withJson(request(path, token), method,
                body == null ? null : JSON.writeValueAsString(body)));
        assertThat(response.status()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? null : response.json();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.Builder withJson(HttpRequest.Builder builder, String method, String json) {
        return builder.header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A status, the raw response (for its headers) and the body as text. */
    public record Response(int status, HttpResponse<String> raw, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }
}
