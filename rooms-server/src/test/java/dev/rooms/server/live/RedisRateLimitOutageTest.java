package dev.rooms.server.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.RequiredServices;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared rate limits of a server whose own Redis the test kills and starts again: while Redis is away
 * requests are let through, and once it is back (empty, without the limits' script) the limit holds again.
 */
class RedisRateLimitOutageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RedisServerProcess redis;
    private ServerInstance server;

    @BeforeEach
    void startRedisAndServer() throws Exception {
        RequiredServices.requireRedisServerBinary();
        redis = new RedisServerProcess().start();
        server = ServerInstance.start(RoomsServerApplication.class, Map.of(
                "spring.datasource.url", "jdbc:h2:mem:limits-redis-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "rooms.redis.url", redis.url(),
                "rooms.rate-limit.rest-user", "3/1h"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void restCallsWhenRedisIsAwayThenLetThroughAndWhenItIsBackLimitedAgain() throws Exception {
        TestUser user = new ApiClient(server.port()).register("Ada");
        for (int remaining = 2; remaining >= 0; remaining--) {
            assertThat(rooms(user).headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(remaining));
        }
        assertThat(rooms(user).statusCode()).isEqualTo(429);

        redis.kill();
        HttpResponse<String> duringOutage = rooms(user);
        redis.start();
        HttpResponse<String> firstLimited = await().atMost(Duration.ofSeconds(20))
                .until(() -> rooms(user), response -> response.headers().firstValue("X-RateLimit-Limit").isPresent());

        assertThat(duringOutage.statusCode()).isEqualTo(200);
        assertThat(duringOutage.headers().firstValue("X-RateLimit-Limit")).as("no limit applied").isEmpty();
        assertThat(firstLimited.statusCode()).isEqualTo(200);
        assertThat(firstLimited.headers().firstValue("X-RateLimit-Remaining")).as("a new Redis, a full bucket").hasValue("2");
        assertThat(rooms(user).statusCode()).isEqualTo(200);
        assertThat(rooms(user).statusCode()).isEqualTo(200);
        assertThat(rooms(user).statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> rooms(TestUser user) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/rooms/"))
                    .header("Authorization", "Bearer " + user.access()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
