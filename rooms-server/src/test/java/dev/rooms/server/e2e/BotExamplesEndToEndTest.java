package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.examples.AdminBot;
import dev.rooms.sdk.examples.EchoBot;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.testing.ReadmeJavaBlock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK README's quick start and example bots, run as written against the real server. */
class BotExamplesEndToEndTest extends EndToEndTest {

    @TempDir
    Path work;

    @Test
    void readmeQuickStartRunsTwiceOnTheSameServerThenItsMessagesAreStored() throws Exception {
        ReadmeJavaBlock quickStart = ReadmeJavaBlock.compile(Path.of("../rooms-sdk/README.md"), work);

        quickStart.runMain(serverUrl());
        quickStart.runMain(serverUrl());

        try (RoomsClient ada = newClient()) {
            ada.auth().login("ada@example.com", "correct horse battery staple");
            List<Room> lobbies = ada.rooms().list().stream().filter(room -> room.name().equals("Lobby"))
                    .filter(room -> room.creator().id() == ada.self().id()).toList();
            assertThat(lobbies).hasSize(2).allSatisfy(room -> assertThat(ada.rooms().listMessages(room.id()))
                    .extracting(Message::content).containsExactly("Hello, everyone!"));
        }
    }

    @Test
    void echoBotRepeatsOtherPeoplesMessagesButNotItsOwn() throws Exception {
        Account botAccount = newAccount("Echo");
        Account ada = newAccount("Ada");
        Room room = newRoom(ada, "Echoes");
        RoomConnection bot = track(EchoBot.start(newClient(), botAccount.email(), PASSWORD, room.id()));
        assertThat(bot.awaitOpen(WAIT)).isTrue();
        MessageLog adaHears = new MessageLog();
        RoomConnection adaLive = connectOpen(ada, room.id(), adaHears);

        adaLive.send("hello").get(10, TimeUnit.SECONDS);
        adaHears.awaitContent("echo: hello");
        adaLive.send("second").get(10, TimeUnit.SECONDS);
        adaHears.awaitContent("echo: second");

        assertThat(adaHears.messages()).extracting(Message::content)
                .containsExactly("hello", "echo: hello", "second", "echo: second")
                .isEqualTo(ada.client().rooms().listMessages(room.id()).stream().map(Message::content).toList());
        assertThat(adaHears.messages()).filteredOn(m -> m.content().startsWith("echo: "))
                .extracting(m -> m.user().id()).containsOnly(botAccount.id());
    }

    @Test
    void adminBotAnswersRoomsCommandWithTheActiveRooms() throws Exception {
        Account botAccount = newAccount("Admin");
        Account ada = newAccount("Ada");
        Room room = newRoom(ada, "Admin desk");
        Room other = ada.client().rooms().create("Video call", null, RoomType.VIDEO);
        RoomConnection bot = track(AdminBot.start(newClient(), botAccount.email(), PASSWORD, room.id()));
        assertThat(bot.awaitOpen(WAIT)).isTrue();
        MessageLog adaHears = new MessageLog();
        RoomConnection adaLive = connectOpen(ada, room.id(), adaHears);

        adaLive.send("just chatting").get(10, TimeUnit.SECONDS);
        adaLive.send("!rooms").get(10, TimeUnit.SECONDS);
        adaHears.awaitMessages(3);

        List<Message> heard = adaHears.messages();
        assertThat(heard).extracting(Message::content).startsWith("just chatting", "!rooms");
        Message answer = heard.get(2);
        assertThat(answer.user().id()).isEqualTo(botAccount.id());
        assertThat(answer.content()).startsWith("Rooms: ")
                .contains("#" + room.id() + " Admin desk (chat)", "#" + other.id() + " Video call (video)");
    }
}
