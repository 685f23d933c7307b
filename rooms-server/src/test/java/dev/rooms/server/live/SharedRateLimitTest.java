package dev.rooms.server.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.RequiredServices;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.SharedBackend;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two servers sharing PostgreSQL and Redis enforce one limit: the buckets live in Redis, so a user's calls and
 * chat messages count the same on either server.
 */
class SharedRateLimitTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static SharedBackend backend;
    private static ServerInstance first;
    private static ServerInstance second;

    @BeforeAll
    static void startTwoServers() {
        backend = SharedBackend.create("rooms_limits");
        Map<String, String> shared = backend.with(Map.of(
                "rooms.rate-limit.rest-user", "6/1h",
                "rooms.rate-limit.chat-user", "4/1h"));
        first = ServerInstance.start(RoomsServerApplication.class, shared);
        second = ServerInstance.start(RoomsServerApplication.class, shared);
    }

    @AfterAll
    static void stopServers() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void restCallsWhenSpreadOverBothServersThenOneLimitHolds() {
        TestUser user = new ApiClient(first.port()).register("Ada");
        for (int i = 0; i < 3; i++) {
            assertThat(rooms(first, user).statusCode()).isEqualTo(200);
            assertThat(rooms(second, user).statusCode()).isEqualTo(200);
        }

        HttpResponse<String> onFirst = rooms(first, user);
        HttpResponse<String> onSecond = rooms(second, user);

        assertThat(onFirst.statusCode()).isEqualTo(429);
        assertThat(onSecond.statusCode()).isEqualTo(429);
        assertThat(onSecond.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void chatWhenOneUserSendsThroughBothServersThenOneLimitHolds() {
        TestUser user = new ApiClient(first.port()).register("Bob");
        long room = new ApiClient(first.port()).createRoom(user);
        SocketClient onFirst = SocketClient.open(first.port(), room, user.access());
        SocketClient onSecond = SocketClient.open(second.port(), room, user.access());
        for (int i = 0; i < 2; i++) {
            onFirst.sendJson(Map.of("content", "first " + i, "nonce", "a" + i));
            assertThat(nextFor(onFirst, "a" + i).has("id")).isTrue();
            onSecond.sendJson(Map.of("content", "second " + i, "nonce", "b" + i));
            assertThat(nextFor(onSecond, "b" + i).has("id")).isTrue();
        }

        onSecond.sendJson(Map.of("content", "fifth", "nonce", "b-late"));

        JsonNode refusal = nextFor(onSecond, "b-late");
        assertThat(refusal.get("type").stringValue()).isEqualTo("error");
        assertThat(refusal.get("code").stringValue()).isEqualTo("throttled");
        assertThat(refusal.get("retry_after").longValue()).as("4/1h: a token every 900 s").isBetween(800L, 900L);
        onFirst.close();
        onSecond.close();
    }

    @Test
    void chatWhenMessagesAreAdmittedThenTheUserLimitCostsEachOneRedisCommand() {
        TestUser user = new ApiClient(first.port()).register("Cy");
        long room = new ApiClient(first.port()).createRoom(user);
        SocketClient onFirst = SocketClient.open(first.port(), room, user.access());
        SocketClient onSecond = SocketClient.open(second.port(), room, user.access());
        String key = "\"" + backend.properties().get("rooms.redis.channel-prefix") + ":ratelimit:chat-user:" + user.id() + "\"";

        List<String> commands;
        try (RedisMonitor monitor = RedisMonitor.start(RequiredServices.REDIS_URL)) {
            for (int i = 0; i < 2; i++) {
                onFirst.sendJson(Map.of("content", "first " + i, "nonce", "a" + i));
                assertThat(nextFor(onFirst, "a" + i).has("id")).isTrue();
                onSecond.sendJson(Map.of("content", "second " + i, "nonce", "b" + i));
                assertThat(nextFor(onSecond, "b" + i).has("id")).isTrue();
            }
            commands = monitor.clientCommandsMentioning(key);
        }

        assertThat(commands).as("one script run per admitted message, by its digest").hasSize(4)
                .allSatisfy(command -> assertThat(command).contains("\"EVALSHA\""));
        onFirst.close();
        onSecond.close();
    }

    /** The next frame carrying {@code nonce} (the echo or the error), skipping the other messages of the room. */
    private static JsonNode nextFor(SocketClient socket, String nonce) {
        JsonNode frame = socket.next();
        while (!frame.has("nonce") || !nonce.equals(frame.get("nonce").stringValue())) {
            frame = socket.next();
        }
        return frame;
    }

    private static HttpResponse<String> rooms(ServerInstance server, TestUser user) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/rooms/"))
                    .header("Authorization", "Bearer " + user.access()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
