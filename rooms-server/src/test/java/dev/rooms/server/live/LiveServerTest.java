package dev.rooms.server.live;

import java.time.Instant;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestTokens;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the end-to-end socket tests: one server on a random port with the embedded database and the
 * in-process broker, shared by every subclass (same properties, so Spring caches one context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:live-e2e;DB_CLOSE_DELAY=-1",
        "rooms.data-dir=target/live-test-data",
        "rooms.jwt-secret=" + TestTokens.SECRET,
        "rooms.websocket.send-buffer-limit=64KB",
})
abstract class LiveServerTest {

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void api() {
        api = new ApiClient(port);
    }

    SocketClient connect(long roomId, TestUser user) {
        return SocketClient.open(port, roomId, user.access());
    }

    /** An access or refresh token of the given user signed like the server's, expiring at {@code expiresAt}. */
    static String token(long userId, String type, Instant expiresAt) {
        return TestTokens.token(type, userId, expiresAt);
    }
}
