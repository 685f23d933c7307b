package dev.rooms.server.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rate limits over real HTTP and WebSocket, with limits small enough to reach in a test. Every test speaks
 * from its own client addresses: the server trusts loopback as a proxy, so {@code X-Forwarded-For} names them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:rate-limits;DB_CLOSE_DELAY=-1",
        "rooms.data-dir=target/live-test-data",
        "rooms.jwt-secret=" + TestTokens.SECRET,
        "rooms.trusted-proxies=127.0.0.1,::1",
        "rooms.rate-limit.login-account-address=2/4s,4/1h",
        "rooms.rate-limit.login-address=50/1h",
        "rooms.rate-limit.login-account=4/20s",
        "rooms.rate-limit.register=3/1h",
        "rooms.rate-limit.refresh=2/1h",
        "rooms.rate-limit.rest-user=5/1h",
        "rooms.rate-limit.handshake-address=3/1h",
        "rooms.rate-limit.chat-connection=3/1h",
        "rooms.rate-limit.chat-user=5/1h",
        "rooms.rate-limit.chat-flood=3/1h",
})
class RateLimitTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "correct-horse-battery-staple";

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    /** This test's own client address, so no test spends another's budget. */
    private String address;

    @BeforeEach
    void newAddress() {
        address = randomAddress();
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    @Test
    void loginWhenWrongPasswordRepeatedThen429WithRetryAfterDrfBodyAndHeaders() {
        String email = register(address, "Ada");
        assertThat(login(address, email, "wrong").statusCode()).isEqualTo(401);
        assertThat(login(address, email, "wrong").statusCode()).isEqualTo(401);

        HttpResponse<String> throttled = login(address, email, "wrong");

        assertThat(throttled.statusCode()).isEqualTo(429);
        // 1 token per 2 s refills evenly from the first failure on, so the wait left is 1 or 2 s.
        long wait = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertThat(wait).isBetween(1L, 2L);
        assertThat(throttled.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
        assertThat(throttled.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
        assertThat(throttled.headers().firstValue("X-RateLimit-Reset")).isPresent();
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json(throttled).get("detail").stringValue())
                .isEqualTo("Request was throttled. Expected available in " + (wait == 1 ? "1 second." : wait + " seconds."));
        assertThat(meters.counter("rooms.ratelimit.rejections", "limit", "login-account-address").count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void loginWhenFailuresGoOnThenTheWaitGrowsAndTheRightPasswordGetsInOnceItIsOver() {
        String email = register(address, "Bob");
        login(address, email, "wrong");
        login(address, email, "wrong");
        long firstWait = retryAfterOnceThrottled(email);
        await().atMost(Duration.ofSeconds(10)).until(() -> login(address, email, "wrong").statusCode() == 401);
        await().atMost(Duration.ofSeconds(10)).until(() -> login(address, email, "wrong").statusCode() == 401);

        long secondWait = retryAfterOnceThrottled(email);

        assertThat(firstWait).isBetween(1L, 2L);
        assertThat(secondWait).as("after 4 failures the hourly band is empty").isGreaterThan(60);
        assertThat(login(address, email, PASSWORD).statusCode()).as("still waiting, even with the password").isEqualTo(429);
    }

    @Test
    void loginWhenAnAttackerFailsFromElsewhereThenTheOwnerIsDelayedBrieflyAndThenLetIn() {
        String email = register(address, "Cy");
        String owner = randomAddress();
        String attacker = randomAddress();
        login(attacker, email, "wrong");
        login(attacker, email, "wrong");
        assertThat(login(attacker, email, "wrong").statusCode()).isEqualTo(429);

        assertThat(login(owner, email, PASSWORD).statusCode()).as("the attacker's address is throttled, not the owner")
                .isEqualTo(200);

        // Many addresses sharing the guessing empty the account's own bucket (4/20s): the owner has to wait too...
        login(randomAddress(), email, "wrong");
        login(randomAddress(), email, "wrong");
        HttpResponse<String> delayed = login(owner, email, PASSWORD);
        assertThat(delayed.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(delayed.headers().firstValue("Retry-After").orElseThrow())).isLessThanOrEqualTo(5);
        // ...but only a token's refill: then the right password gets in.
        await().atMost(Duration.ofSeconds(10)).until(() -> login(owner, email, PASSWORD).statusCode() == 200);
    }

    @Test
    void registerWhenOverThePerAddressLimitThen429() {
        for (int i = 0; i < 3; i++) {
            register(address, "Reg" + i);
        }

        HttpResponse<String> throttled = post(address, "/auth/register/", null,
                Map.of("email", unique("late"), "name", "Late", "password", PASSWORD));

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(post(randomAddress(), "/auth/register/", null,
                Map.of("email", unique("other"), "name", "Other", "password", PASSWORD)).statusCode())
                .as("another address").isEqualTo(201);
    }

    @Test
    void refreshWhenOverThePerAddressLimitThen429() {
        String email = register(address, "Dee");
        String refresh = json(login(address, email, PASSWORD)).get("refresh").stringValue();
        Map<String, String> body = Map.of("refresh", refresh);
        assertThat(post(address, "/auth/token/refresh/", null, body).statusCode()).isEqualTo(200);
        assertThat(post(address, "/auth/token/refresh/", null, body).statusCode()).isEqualTo(200);

        assertThat(post(address, "/auth/token/refresh/", null, body).statusCode()).isEqualTo(429);
    }

    @Test
    void restCallsWhenOverThePerUserLimitThen429ForThatUserOnly() {
        String ada = access(register(address, "Eve"));
        String bob = access(register(address, "Fay"));
        for (int i = 5; i > 0; i--) {
            HttpResponse<String> answer = get(randomAddress(), "/api/rooms/", ada);
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(i - 1));
        }

        HttpResponse<String> throttled = get(randomAddress(), "/api/rooms/", ada);

        assertThat(throttled.statusCode()).as("per user, whatever the address").isEqualTo(429);
        assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(700L, 720L);
        assertThat(get(address, "/api/rooms/", bob).statusCode()).isEqualTo(200);
    }

    @Test
    void forwardedForWhenTheClientWritesEntriesOfItsOwnThenOnlyTheOneTheProxyAppendedCounts() {
        // The peer (loopback) is the trusted proxy here, so only the right-most untrusted entry counts: a client
        // cannot dodge its limit by writing addresses of its own to the left of the one the proxy appended.
        for (int i = 0; i < 3; i++) {
            assertThat(post("10.9.9." + i + ", " + address, "/auth/register/", null,
                    Map.of("email", unique("xff"), "name", "X", "password", PASSWORD)).statusCode()).isEqualTo(201);
        }

        assertThat(post("10.9.9.9, " + address, "/auth/register/", null,
                Map.of("email", unique("xff"), "name", "X", "password", PASSWORD)).statusCode()).isEqualTo(429);
    }

    @Test
    void handshakesWhenOverThePerAddressLimitThen429InTheApiShape() throws Exception {
        String token = access(register(address, "Gus"));
        long room = createRoom(token);
        for (int i = 0; i < 3; i++) {
            SocketClient.open(port, room, token, Map.of("X-Forwarded-For", address)).closeBlocking();
        }

        RawSocket.Answer refused = RawSocket.handshake(port, "/ws/chat/" + room + "/",
                "Authorization: Bearer " + token, "X-Forwarded-For: " + address);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsKey("retry-after");
        assertThat(ApiClient.JSON.readTree(refused.body()).get("detail").stringValue())
                .startsWith("Request was throttled. Expected available in ");
        SocketClient.open(port, room, token, Map.of("X-Forwarded-For", randomAddress())).closeBlocking();
    }

    @Test
    void chatWhenOneConnectionFloodsThenThrottledErrorFramesThen1008() {
        String token = access(register(address, "Hal"));
        long room = createRoom(token);
        SocketClient socket = SocketClient.open(port, room, token, Map.of("X-Forwarded-For", address));
        for (int i = 0; i < 3; i++) {
            socket.sendJson(Map.of("content", "hello " + i, "nonce", "ok-" + i));
            assertThat(socket.next().get("nonce").stringValue()).isEqualTo("ok-" + i);
        }

        socket.sendJson(Map.of("content", "no nonce, like a spec client"));
        socket.sendJson(Map.of("content", "over", "nonce", "over-1"));
        JsonNode error = socket.next();
        socket.sendJson(Map.of("content", "over", "nonce", "over-2"));
        socket.next();
        socket.sendJson(Map.of("content", "over", "nonce", "over-3"));

        assertThat(error.get("type").stringValue()).as("the frame without a nonce got no answer").isEqualTo("error");
        assertThat(error.get("nonce").stringValue()).isEqualTo("over-1");
        assertThat(error.get("code").stringValue()).isEqualTo("throttled");
        assertThat(error.get("retry_after").longValue()).isGreaterThan(1000);
        assertThat(error.get("detail").stringValue()).startsWith("Request was throttled. Expected available in ");
        assertThat(socket.awaitClose(10).code()).as("the fourth throttled frame").isEqualTo(1008);
        assertThat(socket.takeReceived()).isEmpty();
    }

    @Test
    void chatWhenOneUserSpreadsOverConnectionsThenThePerUserLimitHolds() {
        String token = access(register(address, "Ida"));
        long room = createRoom(token);
        SocketClient first = SocketClient.open(port, room, token, Map.of("X-Forwarded-For", address));
        SocketClient second = SocketClient.open(port, room, token, Map.of("X-Forwarded-For", address));
        for (int i = 0; i < 3; i++) {
            first.sendJson(Map.of("content", "first " + i, "nonce", "a" + i));
        }
        for (int i = 0; i < 2; i++) {
            second.sendJson(Map.of("content", "second " + i, "nonce", "b" + i));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(first.next().has("content")).isTrue();
        }

        second.sendJson(Map.of("content", "sixth", "nonce", "b-late"));

        // The refusal may overtake copies of the first connection's messages on their way to this one.
        JsonNode answer = second.next();
        while (!answer.has("nonce") || !"b-late".equals(answer.get("nonce").stringValue())) {
            answer = second.next();
        }
        assertThat(answer.get("type").stringValue()).isEqualTo("error");
        assertThat(answer.get("code").stringValue()).isEqualTo("throttled");
        assertThat(meters.counter("rooms.ratelimit.rejections", "limit", "chat-user").count()).isGreaterThanOrEqualTo(1);
    }

    // --- HTTP helpers, each request from a client address of the test's choosing ---

    private String register(String from, String name) {
        String email = unique(name);
        HttpResponse<String> created = post(from, "/auth/register/", null,
                Map.of("email", email, "name", name, "password", PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return email;
    }

    private String access(String email) {
        HttpResponse<String> tokens = login(randomAddress(), email, PASSWORD);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return json(tokens).get("access").stringValue();
    }

    private long createRoom(String token) {
        HttpResponse<String> created = post(randomAddress(), "/api/rooms/", token,
                Map.of("name", "limits", "room_type", "chat"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").longValue();
    }

    private HttpResponse<String> login(String from, String email, String password) {
        return post(from, "/auth/login/", null, Map.of("email", email, "password", password));
    }

    private static String unique(String name) {
        return name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
    }

    private static JsonNode json(HttpResponse<String> response) {
        return ApiClient.JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String from, String path, String token) {
        return send(from, "GET", path, token, null);
    }

    private HttpResponse<String> post(String from, String path, String token, Object body) {
        return send(from, "POST", path, token, body);
    }

    private HttpResponse<String> send(String from, String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", from);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
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

    private long retryAfterOnceThrottled(String email) {
        HttpResponse<String> throttled = login(address, email, "wrong");
        assertThat(throttled.statusCode()).isEqualTo(429);
        return Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    }
}
