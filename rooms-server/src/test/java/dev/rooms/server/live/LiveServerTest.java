package dev.rooms.server.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
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
        "rooms.jwt-secret=" + LiveServerTest.SECRET,
        "rooms.websocket.send-buffer-limit=64KB",
})
abstract class LiveServerTest {

    static final String SECRET = "live-test-secret-that-is-long-enough-for-hs256";

    @LocalServerPort
    int port;

    RestApi api;

    @BeforeEach
    void api() {
        api = new RestApi(port);
    }

    SocketClient connect(long roomId, RestApi.TestUser user) {
        return SocketClient.open(port, roomId, user.access());
    }

    /** An access or refresh token of the given user signed like the server's, expiring at {@code expiresAt}. */
    static String token(long userId, String type, Instant expiresAt) {
        return Jwts.builder()
                .header().type("JWT").and()
                .claim("token_type", type)
                .expiration(Date.from(expiresAt))
                .issuedAt(Date.from(expiresAt.minus(Duration.ofMinutes(5))))
                .id(UUID.randomUUID().toString().replace("-", ""))
                .claim("user_id", userId)
                .signWith(Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
    }
}
