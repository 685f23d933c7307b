package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rooms.sdk.ConnectOptions;
import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat shell with the live events it opts into: arrivals and departures, who is here, typing, edits and
 * deletions, between shells on xterm-type terminals against the real server.
 */
@ExtendWith(TestServer.class)
class ChatShellLiveEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void joinAndLeaveAreAnnouncedAndWhoListsWhoIsConnectedNow() throws Exception {
        Cli ada = new Cli();
        String adaEmail = ada.registerFresh("Ada");
        Cli bob = new Cli();
        String bobEmail = bob.registerFresh("Bob");
        Cli mallory = new Cli();
        mallory.registerFresh("Mallory");
        mallory.run("profile", "update", "--name", "Mallory\r\u001b[2K* Ada left");
        Room room = ada.createRoom("Here", RoomType.CHAT);

        try (Shell adaShell = Shell.start(ada, room.name()); Shell bobShell = Shell.start(bob, room.name())) {
            adaShell.awaitScreen("* Bob joined");
            RoomConnection malloryConnection = openConnection(mallory, room);
            adaShell.awaitScreen("left joined");

            int beforeWho = adaShell.screen().length();
            adaShell.type("/who\r");
            adaShell.awaitScreen("Mallory␍␛* Ada left <");
            String firstWho = adaShell.screen().substring(beforeWho);
            bobShell.type("\u0004");
            assertThat(bobShell.awaitExit()).isZero();
            adaShell.awaitScreen("* Bob left");
            malloryConnection.close();
            adaShell.awaitScreen("* Ada left left");
            int beforeSecondWho = adaShell.screen().length();
            adaShell.type("/who\r");
            adaShell.awaitScreenCount("Ada <" + adaEmail + "> (you), here since ", 2);
            String secondWho = adaShell.screen().substring(beforeSecondWho);

            assertThat(firstWho).contains("Ada <" + adaEmail + "> (you), here since ",
                    "Bob <" + bobEmail + ">, here since ");
            assertThat(secondWho).contains("Ada <" + adaEmail + "> (you)").doesNotContain("Bob <", "Mallory");
            assertThat(adaShell.rendered())
                    .contains("* Mallory␍␛* Ada left joined", "* Mallory␍␛* Ada left left")
                    .doesNotContain("* Ada left");
            assertThat(adaShell.rawScreen()).doesNotContain("\u001b[2K");
        }
    }

    @Test
    void typingShowsOnTheStatusLineWithoutDisturbingTheInputLineAndClearsWhenTheMessageArrives() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Ada");
        Cli bob = new Cli();
        bob.registerFresh("Bob");
        Room room = ada.createRoom("Typing", RoomType.CHAT);

        try (Shell adaShell = Shell.start(ada, room.name()); Shell bobShell = Shell.start(bob, room.name())) {
            adaShell.awaitScreen("* Bob joined");
            adaShell.type("draft of ada");
            adaShell.awaitScreen("draft of ada");

            bobShell.type("hel");
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(last(adaShell.rendered())).isEqualTo("Bob is typing…"));
            assertThat(adaShell.rendered()).contains(room.name() + "> draft of ada");

            bobShell.type("lo\r");
            adaShell.awaitScreen("Bob: hello");
            await().atMost(WAIT).untilAsserted(() -> assertThat(adaShell.rendered())
                    .noneMatch(line -> line.contains("is typing")));
            assertThat(adaShell.rendered()).contains(room.name() + "> draft of ada");

            adaShell.type(" finished\r");
            bobShell.awaitScreen("Ada: draft of ada finished");
        }
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("hello", "draft of ada finished");
    }

    @Test
    void editAndDeleteOfOwnMessagesReachTheOthersAndSomeoneElsesAreRefused() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Ada");
        Cli bob = new Cli();
        bob.registerFresh("Bob");
        Room room = ada.createRoom("Edits", RoomType.CHAT);

        try (Shell adaShell = Shell.start(ada, room.name()); Shell bobShell = Shell.start(bob, room.name())) {
            adaShell.type("frist post\r");
            adaShell.type("teh answer\r");
            bobShell.awaitScreen("Ada: teh answer");
            // "Your last message" is the last the shell has seen come back from the server.
            adaShell.awaitScreen("» Ada: teh answer");
            List<Message> posted = ada.sdk().rooms().listMessages(room.id());
            long first = posted.get(0).id();
            long answer = posted.get(1).id();

            adaShell.type("/ed\t");
            adaShell.type("the answer\r");
            bobShell.awaitScreen("Ada: the answer (edited)");
            adaShell.awaitScreen("» Ada: the answer (edited)");
            adaShell.type("/edit #" + first + " first post\r");
            bobShell.awaitScreen("Ada: first post (edited)");

            bobShell.type("/edit " + answer + " hijacked\r");
            bobShell.awaitScreen("!! You can only edit your own messages.");
            bobShell.type("/delete " + answer + "\r");
            bobShell.awaitScreen("!! You can only delete your own messages or messages in rooms you created.");
            bobShell.type("/edit 999999999 nothing there\r");
            bobShell.awaitScreen("!! no message 999999999 in " + room.name());
            bobShell.type("/delete\r");
            bobShell.awaitScreen("!! no message of yours in " + room.name() + " to delete; /delete ID names one");

            adaShell.type("/delete\r");
            bobShell.awaitScreen("* message " + answer + " deleted (Ada: the answer)");
            adaShell.type("/del\t" + first + "\r");
            bobShell.awaitScreen("* message " + first + " deleted (Ada: first post)");
            adaShell.awaitScreen("* message " + first + " deleted (Ada: first post)");
            adaShell.type("/delete\r");
            adaShell.awaitScreen("!! no message of yours in " + room.name() + " to delete; /delete ID names one");

            bobShell.type("still here\r");
            bobShell.awaitScreen("» Bob: still here");
        }
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("still here");
    }

    @Test
    void anEditedMessageIsMarkedInTheHistoryShownAtJoinAndByHistoryAndHelpListsEditAndDelete() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Ada");
        Room room = ada.createRoom("Marked", RoomType.CHAT);
        Message typo = ada.sdk().rooms().post(room.id(), "teh plan");
        ada.sdk().rooms().post(room.id(), "never edited");
        ada.sdk().rooms().edit(room.id(), typo.id(), "the plan");

        try (Shell shell = Shell.start(ada, room.name())) {
            shell.type("/history 2\r");
            shell.awaitScreenCount("Ada: the plan (edited)", 2);
            shell.type("/help\r");
            shell.awaitScreen("/delete [ID]    delete your last message here");

            assertThat(shell.rendered()).filteredOn(line -> line.contains("Ada: never edited"))
                    .hasSize(2).allMatch(line -> line.endsWith("Ada: never edited"));
        }
    }

    private static String last(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static RoomConnection openConnection(Cli cli, Room room) {
        CountDownLatch open = new CountDownLatch(1);
        RoomConnection connection = cli.sdk().connect(room.id(), ConnectOptions.builder().build(), new RoomListener() {
            @Override
            public void onStateChanged(RoomConnection c, ConnectionState state) {
                if (state == ConnectionState.OPEN) {
                    open.countDown();
                }
            }
        });
        await().atMost(WAIT).until(() -> open.getCount() == 0);
        return connection;
    }
}
