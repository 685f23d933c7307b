package dev.rooms.server.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A long-running server with many short-lived rooms keeps nothing of the rooms that went quiet. */
class RoomMemoryTest extends LiveServerTest {

    @Autowired
    RoomSequencer sequencer;

    @Autowired
    RoomSessionRegistry registry;

    @Test
    void roomsGoQuietThenTheirQueuesGoAwayAndAQuietRoomStillWorks() {
        TestUser user = api.register("Hopper");
        List<Long> rooms = new ArrayList<>();
        List<SocketClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long room = api.createRoom(user);
            SocketClient client = connect(room, user);
            client.sendJson(Map.of("content", "hello " + i));
            assertThat(client.next().get("content").stringValue()).isEqualTo("hello " + i);
            rooms.add(room);
            clients.add(client);
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> rooms.stream().noneMatch(sequencer::hasQueue));

        SocketClient again = clients.get(0);
        again.sendJson(Map.of("content", "after the queue went away"));
        assertThat(again.next().get("content").stringValue()).isEqualTo("after the queue went away");
        assertThat(again.nothingReceived()).isTrue();
    }

    @Test
    void lastConnectionLeavesThenTheRoomsEntryGoesAway() {
        TestUser user = api.register("Leaver");
        long room = api.createRoom(user);
        SocketClient first = connect(room, user);
        SocketClient second = connect(room, user);
        assertThat(registry.hasRoom(room)).isTrue();

        first.close();
        second.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> !registry.hasRoom(room));
    }
}
