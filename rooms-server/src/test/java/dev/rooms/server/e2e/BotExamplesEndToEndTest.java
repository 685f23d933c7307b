package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.examples.AdminBot;
import dev.rooms.sdk.examples.EchoBot;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import org.junit.jupiter.api.Test;

/** The SDK README's example bots, run as written against the real server. */
class BotExamplesEndToEndTest extends EndToEndTest {

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
