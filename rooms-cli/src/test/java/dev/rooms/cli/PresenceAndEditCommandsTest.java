package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Presence;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code rooms who} and {@code rooms message edit|delete} against a real server. */
@ExtendWith(TestServer.class)
class PresenceAndEditCommandsTest {

    private static Cli ada;
    private static Cli bob;
    private static String bobEmail;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void users() {
        ada = new Cli();
        ada.registerFresh("Ada");
        bob = new Cli();
        bobEmail = bob.registerFresh("Bob");
    }

    @Test
    void whoListsTheConnectedUsersAsATableJsonAndIds() throws Exception {
        Room room = newRoom();
        RoomsClient bobSdk = bob.sdk();
        long bobId = bobSdk.auth().profile().id();
        RoomConnection first = bobSdk.connect(room.id(), new RoomListener() { });
        RoomConnection second = bobSdk.connect(room.id(), new RoomListener() { });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> ada.sdk().rooms().presence(room.id()).stream()
                    .mapToInt(Presence::connections).sum() == 2);

            Cli.Result table = ada.run("who", room.name());
            Cli.Result asJson = ada.run("who", String.valueOf(room.id()), "--json");
            Cli.Result ids = ada.run("who", room.name(), "-q");

            assertThat(table.exitCode()).isZero();
            assertThat(table.out().lines().findFirst().orElseThrow())
                    .containsSubsequence("ID", "NAME", "EMAIL", "CONNECTIONS", "SINCE");
            assertThat(table.out()).containsPattern(bobId + " +Bob +" + bobEmail.replace(".", "\\.") + " +2 ");
            JsonNode present = json.readTree(asJson.out());
            assertThat(present).hasSize(1);
            assertThat(present.get(0).get("user").get("email").asText()).isEqualTo(bobEmail);
            assertThat(present.get(0).get("connections").asInt()).isEqualTo(2);
            assertThat(present.get(0).has("since")).isTrue();
            assertThat(ids.out()).isEqualTo(bobId + System.lineSeparator());
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void whoInAnEmptyRoomSaysSoAndPrintsAnEmptyJsonList() throws Exception {
        Room room = newRoom();

        Cli.Result table = ada.run("who", room.name());
        Cli.Result asJson = ada.run("who", room.name(), "--json");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).isEqualTo("Nobody is connected to this room now." + System.lineSeparator());
        assertThat(json.readTree(asJson.out())).isEmpty();
    }

    @Test
    void whoShowsAHostileNameNeutralised() throws Exception {
        Cli eve = new Cli();
        eve.registerFresh("Eve");
        eve.run("profile", "update", "--name", "Eve\u001b]0;pwned title\u0007\r\u001b[2KBob");
        Room room = newRoom();
        RoomConnection live = eve.sdk().connect(room.id(), new RoomListener() { });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !ada.sdk().rooms().presence(room.id()).isEmpty());

            Cli.Result table = ada.run("who", room.name());

            assertThat(table.out()).doesNotContain("\u001b", "\u0007", "\r").contains("Eve");
            assertThat(table.out().lines()).hasSize(2);
        } finally {
            live.close();
        }
    }

    @Test
    void whoOfAnUnknownRoomExits4() {
        Cli.Result result = ada.run("who", "#999999999");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).startsWith("error: no room with id 999999999");
    }

    @Test
    void editReplacesTheTextOfOwnMessageAndShowsWhenItWasEdited() throws Exception {
        Room room = newRoom();
        Message message = ada.sdk().rooms().post(room.id(), "teh typo");

        Cli.Result edited = ada.run("message", "edit", String.valueOf(message.id()), "the", "fix",
                "--room", room.name(), "--json");
        Cli.Result shown = ada.run("message", "edit", String.valueOf(message.id()), "the fix, again",
                "--room", String.valueOf(room.id()));

        assertThat(edited.exitCode()).isZero();
        JsonNode answer = json.readTree(edited.out());
        assertThat(answer.get("id").asLong()).isEqualTo(message.id());
        assertThat(answer.get("content").asText()).isEqualTo("the fix");
        assertThat(answer.has("edited_at")).isTrue();
        assertThat(answer.get("user").get("name").asText()).isEqualTo("Ada");
        assertThat(shown.out()).contains("Edited", "the fix, again");
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("the fix, again");
    }

    @Test
    void editOfSomeoneElsesMessageExits5WithTheServersReason() {
        Room room = newRoom();
        Message message = ada.sdk().rooms().post(room.id(), "Ada's words");

        Cli.Result result = bob.run("message", "edit", String.valueOf(message.id()), "Bob's words",
                "--room", room.name());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(result.err()).isEqualTo("error: You can only edit your own messages." + System.lineSeparator());
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("Ada's words");
    }

    @Test
    void editOrDeleteOfAMessageNotInTheRoomExits4() {
        Room room = newRoom();
        Room other = newRoom();
        Message message = ada.sdk().rooms().post(other.id(), "elsewhere");

        Cli.Result edit = ada.run("message", "edit", String.valueOf(message.id()), "x", "--room", room.name());
        Cli.Result delete = ada.run("message", "delete", String.valueOf(message.id()), "--room", room.name());

        assertThat(edit.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(edit.err()).isEqualTo("error: no message " + message.id() + " in room '" + room.name() + "'" + System.lineSeparator());
        assertThat(delete.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(ada.sdk().rooms().listMessages(other.id())).extracting(Message::content)
                .containsExactly("elsewhere");
    }

    @Test
    void editAndDeleteNeedTheRoom() {
        Cli.Result result = ada.run("message", "delete", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--room");
    }

    @Test
    void deleteRemovesOwnMessagesAndTheRoomCreatorMayDeleteAnyButOthersMayNot() {
        Room room = newRoom();
        Message bobs = bob.sdk().rooms().post(room.id(), "Bob's");
        Message adas = ada.sdk().rooms().post(room.id(), "Ada's");
        Message bobsSecond = bob.sdk().rooms().post(room.id(), "Bob's second");

        Cli.Result forbidden = bob.run("message", "delete", String.valueOf(adas.id()), "--room", room.name());
        Cli.Result own = bob.run("message", "delete", String.valueOf(bobs.id()), "--room", room.name());
        Cli.Result byCreator = ada.run("message", "delete", String.valueOf(bobsSecond.id()),
                "--room", room.name(), "--json");

        assertThat(forbidden.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(forbidden.err()).isEqualTo("error: You can only delete your own messages or messages in rooms "
                + "you created." + System.lineSeparator());
        assertThat(own.exitCode()).isZero();
        assertThat(own.out()).isEqualTo("Deleted message " + bobs.id() + "." + System.lineSeparator());
        assertThat(byCreator.exitCode()).isZero();
        assertThat(byCreator.out()).isEmpty();
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("Ada's");
    }

    private static Room newRoom() {
        return ada.sdk().rooms().create("Here " + UUID.randomUUID().toString().substring(0, 8), null, RoomType.CHAT);
    }
}
