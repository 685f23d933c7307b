package dev.rooms.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few REST calls the benchmark makes: set-up (users, rooms) and the history it checks against. */
final class RoomsApi {

    record HistoryMessage(long id, String content) {
    }

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();

    RoomsApi(URI base) {
        this.base = base;
    }

    void register(String email, String name, String password) {
        call("POST", "/auth/register/", null, Map.of("email", email, "name", name, "password", password), 201);
    }

    /** Logs in and returns the access token. */
    String login(String email, String password) {
        return call("POST", "/auth/login/", null, Map.of("email", email, "password", password), 200)
                .get("access").asString();
    }

    long createRoom(String token, String name) {
        return call("POST", "/api/rooms/", token, Map.of("name", name, "room_type", "chat"), 201)
                .get("id").asLong();
    }

    List<HistoryMessage> history(String token, long roomId) {
        JsonNode messages = call("GET", "/api/rooms/" + roomId + "/messages/", token, null, 200);
        List<HistoryMessage> result = new ArrayList<>(messages.size());
        for (JsonNode message : messages) {
            result.add(new HistoryMessage(message.get("id").asLong(), message.get("content").asString()));
        }
        return result;
    }

    private JsonNode call(String method, String path, String token, Object body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                    + " (expected " + expectedStatus + "): " + abbreviate(response.body()));
        }
        return json.readTree(response.body());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
