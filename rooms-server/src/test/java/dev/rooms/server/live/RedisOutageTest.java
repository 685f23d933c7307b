package dev.rooms.server.live;

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

/** A server fanning out through its own Redis, which the tests start late, kill and start again. */
class RedisOutageTest {

    private RedisServerProcess redis;
    private ServerInstance server;

    @BeforeEach
    void reserveRedisPort() throws Exception {
        RequiredServices.requireRedisServerBinary();
        redis = new RedisServerProcess();
    }

    private void startServer() {
        server = ServerInstance.start(RoomsServerApplication.class, Map.of(
                "spring.datasource.url", "jdbc:h2:mem:live-redis-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "rooms.redis.url", redis.url()));
    }

    /** Waits until a new connection works again, i.e. the server reached Redis. */
    private void awaitLiveAgain(long room, TestUser user) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            SocketClient probe = SocketClient.open(server.port(), room, user.access());
            try {
                probe.sendJson(Map.of("content", "probe"));
                assertThat(probe.next().get("content").stringValue()).isEqualTo("probe");
            } finally {
                probe.close();
            }
        });
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
    void redisStoppedThenConnectionsClosedWith1011AndNewOnesWorkOnceItIsBack() throws Exception {
        redis.start();
        startServer();
        ApiClient api = new ApiClient(server.port());
        TestUser alice = api.register("Alice");
        TestUser bob = api.register("Bob");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = SocketClient.open(server.port(), room, alice.access());
        SocketClient bobSocket = SocketClient.open(server.port(), room, bob.access());
        aliceSocket.sendJson(Map.of("content", "through redis"));
        assertThat(bobSocket.next().get("content").stringValue()).isEqualTo("through redis");

        redis.kill();

        assertThat(aliceSocket.awaitClose(10).code()).isEqualTo(1011);
        assertThat(bobSocket.awaitClose(10).code()).isEqualTo(1011);
        SocketClient duringOutage = SocketClient.attempt(server.port(), room, alice.access());
        assertThat(duringOutage.awaitClose(10).code()).isEqualTo(1011);

        redis.start();

        awaitLiveAgain(room, bob);
        SocketClient aliceAgain = SocketClient.open(server.port(), room, alice.access());
        SocketClient bobAgain = SocketClient.open(server.port(), room, bob.access());
        aliceAgain.sendJson(Map.of("content", "back again"));
        assertThat(bobAgain.next().get("content").stringValue()).isEqualTo("back again");
        assertThat(aliceAgain.next().get("content").stringValue()).isEqualTo("back again");
    }

    @Test
    void redisUnreachableAtStartThenServerStartsClosesSocketsWith1011AndRecoversOnceRedisIsUp() throws Exception {
        startServer();
        ApiClient api = new ApiClient(server.port());
        TestUser alice = api.register("Alice");
        TestUser bob = api.register("Bob");
        long room = api.createRoom(alice);

        SocketClient early = SocketClient.attempt(server.port(), room, alice.access());
        assertThat(early.awaitClose(10).code()).isEqualTo(1011);

        redis.start();

        awaitLiveAgain(room, bob);
        SocketClient aliceSocket = SocketClient.open(server.port(), room, alice.access());
        SocketClient bobSocket = SocketClient.open(server.port(), room, bob.access());
        aliceSocket.sendJson(Map.of("content", "redis came up"));
        assertThat(bobSocket.next().get("content").stringValue()).isEqualTo("redis came up");
    }
}
