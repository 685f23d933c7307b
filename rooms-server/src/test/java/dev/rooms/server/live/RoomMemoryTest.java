package dev.rooms.server.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long-running server with many short-lived rooms keeps nothing of the rooms that went quiet, as an operator
 * sees in its gauges on the management port. The test has a server of its own (its own database, so a context of
 * its own, closed after it) and closes its sockets after each test: the gauges count this test's rooms only.
 * The watchdog pings every second and drops a peer silent for 5 s: a live client, however loaded the machine,
 * has five pings to answer.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:live-memory;DB_CLOSE_DELAY=-1",
        "rooms.websocket.ping-interval=1s",
        "rooms.websocket.idle-timeout=5s",
})
@DirtiesContext
class RoomMemoryTest extends LiveServerTest {

    /** A failure bound only: the gauges are awaited, and usually settle within milliseconds. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @LocalManagementPort
    int managementPort;

    private final List<SocketClient> clients = new ArrayList<>();

    @AfterEach
    void closeSocketsThenNoRoomIsHeld() {
        clients.forEach(SocketClient::close);
        await().atMost(BOUND).until(() -> gauge("rooms_live_rooms") == 0);
    }

    @Test
    void roomsGoQuietThenTheirQueuesGoAwayAndAQuietRoomStillWorks() {
        TestUser user = api.register("Hopper");
        for (int i = 0; i < 20; i++) {
            SocketClient client = open(api.createRoom(user), user);
            client.sendJson(Map.of("content", "hello " + i));
            assertThat(client.next().get("content").stringValue()).isEqualTo("hello " + i);
        }
        assertThat(gauge("rooms_live_rooms")).isEqualTo(20);

        await().atMost(BOUND).until(() -> gauge("rooms_live_chat_queued_rooms") == 0);

        SocketClient again = clients.get(0);
        again.sendJson(Map.of("content", "after the queue went away"));
        assertThat(again.next().get("content").stringValue()).isEqualTo("after the queue went away");
        assertThat(again.nothingReceived()).isTrue();
    }

    @Test
    void lastConnectionLeavesThenTheRoomsEntryGoesAway() {
        TestUser user = api.register("Leaver");
        long room = api.createRoom(user);
        SocketClient first = open(room, user);
        SocketClient second = open(room, user);
        assertThat(gauge("rooms_live_rooms")).isEqualTo(1);

        first.close();
        await().atMost(BOUND).until(() -> gauge("rooms_live_connections") == 1);
        assertThat(gauge("rooms_live_rooms")).as("one connection still in the room").isEqualTo(1);
        second.close();

        await().atMost(BOUND).until(() -> gauge("rooms_live_rooms") == 0);
    }

    @Test
    void peerThatNeverAnswersPingsClosedByTheWatchdogThenItsRoomsEntryGoesAway() throws Exception {
        TestUser user = api.register("Gone");
        long room = api.createRoom(user);

        try (RawSocket dead = RawSocket.stalled(port, "/ws/chat/" + room + "/", user.access())) {
            assertThat(gauge("rooms_live_rooms")).isEqualTo(1);

            await().atMost(BOUND).until(() -> gauge("rooms_live_rooms") == 0);
        }
    }

    private SocketClient open(long roomId, TestUser user) {
        SocketClient client = connect(roomId, user);
        clients.add(client);
        return client;
    }

    private double gauge(String name) {
        return PrometheusScrape.of(managementPort).value(name);
    }
}
