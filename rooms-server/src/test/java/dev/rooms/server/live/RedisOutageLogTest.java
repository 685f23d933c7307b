package dev.rooms.server.live;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.RequiredServices;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.TestUser;
import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A Redis outage under connection attempts is two log lines, not one per attempt. */
class RedisOutageLogTest {

    private RedisServerProcess redis;
    private ServerInstance server;
    private CapturedLog log;

    @AfterEach
    void stop() {
        if (log != null) {
            log.close();
        }
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void redisOutageWhileClientsKeepConnectingThenOneLineWhenItGoesAndOneWithCountsWhenItIsBack() throws Exception {
        RequiredServices.requireRedisServerBinary();
        redis = new RedisServerProcess().start();
        server = ServerInstance.start(RoomsServerApplication.class, Map.of(
                "spring.datasource.url", "jdbc:h2:mem:outage-log-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "rooms.redis.url", redis.url()));
        ApiClient api = new ApiClient(server.port());
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        SocketClient connected = SocketClient.open(server.port(), room, alice.access());
        log = new CapturedLog();

        redis.kill();
        assertThat(connected.awaitClose(10).code()).isEqualTo(1011);
        int attempts = 40;
        for (int i = 0; i < attempts; i++) {
            SocketClient refused = SocketClient.attempt(server.port(), room, alice.access());
            assertThat(refused.awaitClose(10).code()).isEqualTo(1011);
        }
        redis.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> log.linesAtLeast(Level.INFO).stream()
                .anyMatch(line -> line.contains("is available again")));

        List<String> warnings = log.linesAtLeast(Level.WARN);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("Redis at 127.0.0.1:").contains("is unavailable (lost the connection)");
        List<String> back = log.linesAtLeast(Level.INFO).stream().filter(line -> line.contains("is available again")).toList();
        assertThat(back).hasSize(1);
        assertThat(back.get(0)).containsPattern("meanwhile (\\d+) connection\\(s\\) were refused")
                .contains("meanwhile " + attempts + " connection(s) were refused");
        assertThat(log.linesAtLeast(Level.INFO)).as("every line at INFO and above").hasSizeLessThanOrEqualTo(4);
    }
}
