package dev.rooms.server.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST calls the live tests need, through real HTTP. */
final class RestApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    RestApi(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    record TestUser(long id, String email, String name, String access, String refresh) {
    }

    TestUser register(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        JsonNode created = call("POST", "/auth/register/", null,
                Map.of("email", email, "name", name, "password", "correct-horse-battery-" + name), 201);
        JsonNode tokens = call("POST", "/auth/login/", null,
                Map.of("email", email, "password", "correct-horse-battery-" + name), 200);
        return new TestUser(created.get("id").longValue(), email, name,
                tokens.get("access").stringValue(), tokens.get("refresh").stringValue());
    }

    long createRoom(TestUser user) {
        return call("POST", "/api/rooms/", user.access(), Map.of("name", "room", "room_type", "chat"), 201)
                .get("id").longValue();
    }

    /** The status of {@code GET} on a room: 200 while it exists. */
    int roomStatus(TestUser user, long roomId) {
        return send("GET", "/api/rooms/" + roomId + "/", user.access(), null).statusCode();
    }

    /** Renames the account; returns the name the server answered with. */
    String rename(TestUser user, String name) {
        return call("PATCH", "/auth/profile/", user.access(), Map.of("name", name), 200).get("name").stringValue();
    }

    /** The account's name as stored. */
    String name(TestUser user) {
        return call("GET", "/auth/profile/", user.access(), null, 200).get("name").stringValue();
    }

    void deleteRoom(TestUser user, long roomId) {
        call("DELETE", "/api/rooms/" + roomId + "/", user.access(), null, 204);
    }

    void deleteAccount(TestUser user) {
        call("DELETE", "/auth/profile/", user.access(), null, 204);
    }

    List<JsonNode> history(TestUser user, long roomId) {
        List<JsonNode> messages = new ArrayList<>();
        call("GET", "/api/rooms/" + roomId + "/messages/", user.access(), null, 200).forEach(messages::add);
        return messages;
    }

    /** Posts a chat message over REST (201 expected); {@code idempotencyKey} may be {@code null}. */
    JsonNode post(TestUser user, long roomId, String content, String idempotencyKey) {
        HttpResponse<String> response = idempotencyKey == null
                ? send("POST", "/api/rooms/" + roomId + "/messages/", user.access(), Map.of("content", content))
                : send("POST", "/api/rooms/" + roomId + "/messages/", user.access(), Map.of("content", content),
                        "Idempotency-Key", idempotencyKey);
        assertThat(response.statusCode()).as("POST message: %s", response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    JsonNode edit(TestUser user, long roomId, long messageId, String content) {
        return call("PATCH", "/api/rooms/" + roomId + "/messages/" + messageId + "/", user.access(),
                Map.of("content", content), 200);
    }

    void deleteMessage(TestUser user, long roomId, long messageId) {
        call("DELETE", "/api/rooms/" + roomId + "/messages/" + messageId + "/", user.access(), null, 204);
    }

    /** {@code GET /api/rooms/{id}/presence/}. */
    List<JsonNode> presence(TestUser user, long roomId) {
        List<JsonNode> present = new ArrayList<>();
        call("GET", "/api/rooms/" + roomId + "/presence/", user.access(), null, 200).forEach(present::add);
        return present;
    }

    private JsonNode call(String method, String path, String token, Object body, int expectedStatus) {
        HttpResponse<String> response = send(method, path, token, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String token, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
