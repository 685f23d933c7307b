package dev.rooms.server.live;

import java.time.Duration;
import java.util.Map;

import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The watchdog with a 200 ms ping interval and a 1 s idle timeout. */
class IdleConnectionTest extends TunedLiveServerTest {

    @Autowired
    RoomSessionRegistry registry;

    private long connectionsIn(long roomId) {
        return registry.connections().stream().filter(connection -> connection.roomId() == roomId).count();
    }

    @Test
    void quietClientThatAnswersPingsThenStaysConnectedPastTheIdleTimeout() {
        TestUser user = api.register("Quiet");
        long room = api.createRoom(user);
        SocketClient client = connect(room, user);
        long opened = System.nanoTime();

        await().atMost(Duration.ofSeconds(15)).until(() -> client.pings.get() >= 5
                && System.nanoTime() - opened > Duration.ofMillis(3 * IDLE_TIMEOUT_MILLIS).toNanos());

        assertThat(client.closed).isNotDone();
        assertThat(connectionsIn(room)).isEqualTo(1);
        client.sendJson(Map.of("content", "still here"));
        assertThat(client.next().get("content").stringValue()).isEqualTo("still here");
        client.close();
    }

    @Test
    void peerThatNeverReadsNorAnswersPingsThenClosedAfterTheIdleTimeoutAndRemovedFromItsRoom() throws Exception {
        TestUser user = api.register("Dead");
        long room = api.createRoom(user);
        SocketClient other = connect(room, api.register("Alive"));
        long opened = System.nanoTime();

        try (RawSocket dead = RawSocket.stalled(port, "/ws/chat/" + room + "/", user.access())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> connectionsIn(room) == 2);

            await().atMost(Duration.ofSeconds(15)).until(() -> connectionsIn(room) == 1);

            assertThat(System.nanoTime() - opened).isGreaterThan(Duration.ofMillis(IDLE_TIMEOUT_MILLIS).toNanos());
            assertThat(dead.drainUntilClose()).as("close code after the pings").isEqualTo(1000);
        }
        other.close();
    }
}
