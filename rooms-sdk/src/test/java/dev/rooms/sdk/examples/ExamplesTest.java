package dev.rooms.sdk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rooms.sdk.FakeRoomServer;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.UserSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    private FakeRoomServer server;
    private RoomsClient client;
    private RoomConnection bot;

    @BeforeEach
    void start() throws Exception {
        server = new FakeRoomServer();
        client = RoomsClient.builder().baseUrl(server.baseUrl()).build();
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        server.close();
    }

    @Test
    void echoBotRepeatsOtherPeoplesMessagesButNotItsOwn() throws Exception {
        bot = EchoBot.start(client, "bot@example.com", "pw", FakeRoomServer.ROOM_ID);
        FakeRoomServer.Peer peer = server.nextPeer();
        assertThat(bot.awaitOpen(Duration.ofSeconds(5))).isTrue();

        server.post("hello");

        JsonNode echo = peer.nextFrame();
        assertThat(echo.get("content").asText()).isEqualTo("echo: hello");
        server.post("second");
        assertThat(peer.nextFrame().get("content").asText()).isEqualTo("echo: second");
    }

    @Test
    void adminBotAnswersRoomsCommandWithTheRoomList() throws Exception {
        bot = AdminBot.start(client, "admin@example.com", "pw", FakeRoomServer.ROOM_ID);
        FakeRoomServer.Peer peer = server.nextPeer();
        assertThat(bot.awaitOpen(Duration.ofSeconds(5))).isTrue();

        server.post("just chatting");
        server.post("!rooms");

        assertThat(peer.nextFrame().get("content").asText()).isEqualTo("Rooms: #1 Lobby (chat)");
    }

    @Test
    void adminBotDescribesManyRoomsOnOneLine() {
        UserSummary creator = new UserSummary(1, "a@example.com", "A");
        Instant now = Instant.now();

        String text = AdminBot.describe(List.of(new Room(1, "Lobby", "", creator, RoomType.CHAT, now, true),
                new Room(2, "Standup", "", creator, RoomType.VIDEO, now, true)));

        assertThat(text).isEqualTo("Rooms: #1 Lobby (chat), #2 Standup (video)");
        assertThat(AdminBot.describe(List.of())).isEqualTo("No rooms.");
    }
}
