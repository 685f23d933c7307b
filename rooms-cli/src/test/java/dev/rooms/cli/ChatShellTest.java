package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.testing.TcpProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chat shell end to end: two shells on xterm-type terminals over piped streams (keys in, screen out), each
 * driven through {@code Main.run(..., "chat", ROOM)} against the real server.
 */
@ExtendWith(TestServer.class)
class ChatShellTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void twoShellsTalkAndAnIncomingMessageLeavesTheHalfTypedLineIntact() throws Exception {
        Cli alice = new Cli();
        String aliceEmail = alice.registerFresh("Alice");
        Cli bob = new Cli();
        bob.registerFresh("Bob");
        Room room = alice.createRoom("Shell", RoomType.CHAT);
        alice.run("send", room.name(), "said before anyone joined");

        try (Shell aliceShell = Shell.start(alice, room.name()); Shell bobShell = Shell.start(bob, room.name())) {
            assertThat(bobShell.screen()).contains("Alice: said before anyone joined");

            aliceShell.type("hello from alice\r");
            bobShell.awaitScreen("Alice: hello from alice");
            aliceShell.awaitScreen("» Alice: hello from alice");

            bobShell.type("half typ");
            bobShell.awaitScreen("half typ");
            int before = bobShell.rawScreen().length();
            aliceShell.type("interrupting you\r");
            bobShell.awaitScreen("Alice: interrupting you");
            String redrawn = Shell.strip(bobShell.rawScreen().substring(before));
            assertThat(redrawn.substring(redrawn.indexOf("Alice: interrupting you"))).contains("> half typ");
            bobShell.type("ed line\r");
            aliceShell.awaitScreen("Bob: half typed line");

            bobShell.type("line one\u001b\rline two\r");
            aliceShell.awaitScreen("Bob: line one");
            aliceShell.type("\u001b[200~pasted one\npasted two\u001b[201~\r");
            bobShell.awaitScreen("Alice: pasted one");

            assertThat(alice.sdk().rooms().listMessages(room.id())).extracting(Message::content).containsExactly(
                    "said before anyone joined", "hello from alice", "interrupting you", "half typed line",
                    "line one\nline two", "pasted one\npasted two");

            bobShell.type("/who\r");
            bobShell.awaitScreen("Alice <" + aliceEmail + ">");
        }
    }

    @Test
    void callSignallingShowsAsNoticesWithoutSdp() throws Exception {
        Cli alice = new Cli();
        alice.registerFresh("Caller");
        Cli bob = new Cli();
        bob.registerFresh("Callee");
        Room room = alice.createRoom("Call", RoomType.VIDEO);
        alice.run("send", room.name(), "calling you");

        try (Shell bobShell = Shell.start(bob, room.name())) {
            RoomConnection call = openConnection(alice, room);
            call.offer(new SessionDescription("offer", "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nm=video 9 X 96\r\n"));
            bobShell.awaitScreen("Caller started a video call");
            call.hangup();
            bobShell.awaitScreen("Caller hung up");
            call.close();

            assertThat(bobShell.screen()).doesNotContain("v=0").doesNotContain("m=video");
        }
    }

    @Test
    void aCallerWhoseMessagesAreOffScreenIsNamedNotNumbered() throws Exception {
        Cli alice = new Cli();
        alice.registerFresh("Quiet Caller");
        Cli bob = new Cli();
        bob.registerFresh("Chatty");
        Room room = alice.createRoom("Named", RoomType.VIDEO);
        alice.run("send", room.name(), "one message, long ago");
        bob.runWithInput("chatter\n".repeat(25), "send", room.name());

        try (Shell bobShell = Shell.start(bob, room.name())) {
            assertThat(bobShell.screen()).doesNotContain("one message, long ago");
            RoomConnection call = openConnection(alice, room);
            call.offer(new SessionDescription("offer", "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"));
            bobShell.awaitScreen("Quiet Caller started a voice call");
            call.close();

            assertThat(bobShell.screen()).doesNotContain("user #");
        }
    }

    @Test
    void aDroppedConnectionShowsStatusAboveTheInputAndCatchesUpEveryMessageOnceInOrder() throws Exception {
        Cli alice = new Cli();
        alice.registerFresh("Steady");
        Room room = alice.createRoom("Drop", RoomType.CHAT);
        RoomConnection steady = openConnection(alice, room);

        try (TcpProxy proxy = new TcpProxy(TestServer.port())) {
            Cli bob = new Cli();
            bob.variables.put("ROOMS_SERVER", proxy.url());
            bob.registerFresh("Roamer");
            try (Shell bobShell = Shell.start(bob, room.name())) {
                steady.send("m1 before the drop").get(10, TimeUnit.SECONDS);
                bobShell.awaitScreen("Steady: m1 before the drop");
                bobShell.type("draft in progress");
                bobShell.awaitScreen("draft in progress");

                int beforeDrop = bobShell.rawScreen().length();
                proxy.cutAndRefuse();
                bobShell.awaitScreen("-- connection lost; reconnecting…");
                steady.send("m2 while away").get(10, TimeUnit.SECONDS);
                steady.send("m3 while away").get(10, TimeUnit.SECONDS);
                proxy.allow();
                bobShell.awaitScreen("-- reconnected to " + room.name());
                steady.send("m4 after the drop").get(10, TimeUnit.SECONDS);
                bobShell.awaitScreen("Steady: m4 after the drop");
                bobShell.type(" finished\r");
                bobShell.awaitScreen("» Roamer: draft in progress finished");

                String screen = bobShell.screen();
                List<String> expected = List.of("Steady: m1 before the drop", "Steady: m2 while away",
                        "Steady: m3 while away", "Steady: m4 after the drop");
                assertThat(expected).allSatisfy(line ->
                        assertThat(screen.split(Pattern.quote(line), -1)).as(line).hasSize(2));
                assertThat(expected.stream().map(screen::indexOf).toList()).isSorted();
                // Each status line is printed above the prompt, which is redrawn below it with the draft intact.
                String afterDrop = Shell.strip(bobShell.rawScreen().substring(beforeDrop));
                assertThat(afterDrop).containsSubsequence("-- connection lost; reconnecting…", "> draft in progress",
                        "-- reconnected to " + room.name(), "> draft in progress");
            }
        } finally {
            steady.close();
        }
        assertThat(alice.sdk().rooms().listMessages(room.id())).extracting(Message::content).containsExactly(
                "m1 before the drop", "m2 while away", "m3 while away", "m4 after the drop",
                "draft in progress finished");
    }

    @Test
    void linesTypedWhileReconnectingAreShownPendingAndSentInOrderOnceOpen() throws Exception {
        Cli alice = new Cli();
        alice.registerFresh("Listener");
        Room room = alice.createRoom("Ahead", RoomType.CHAT);

        try (TcpProxy proxy = new TcpProxy(TestServer.port())) {
            Cli bob = new Cli();
            bob.variables.put("ROOMS_SERVER", proxy.url());
            bob.registerFresh("Typist");
            try (Shell bobShell = Shell.start(bob, room.name())) {
                proxy.cutAndRefuse();
                bobShell.awaitScreen("-- connection lost; reconnecting…");

                bobShell.type("typed while away\r");
                bobShell.type("and another\r");
                bobShell.awaitScreen("-- pending until connected: and another");
                assertThat(alice.sdk().rooms().listMessages(room.id())).isEmpty();
                proxy.allow();

                bobShell.awaitScreen("» Typist: and another");
            }
        }
        assertThat(alice.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("typed while away", "and another");
    }

    @Test
    void ownMessageIsShownOnceAndCtrlCClearsAHalfTypedLineThenLeavesOnAnEmptyOne() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Ada");
        Room room = ada.createRoom("Once", RoomType.CHAT);

        Shell shell = Shell.start(ada, room.name());
        shell.type("only once please\r");
        shell.awaitScreen("» Ada: only once please");
        shell.type("never to be sent");
        shell.awaitScreen("never to be sent");
        String prompt = room.name() + "> ";
        int prompts = shell.screen().split(Pattern.quote(prompt), -1).length - 1;
        shell.type("\u0003");
        // As a person does: type on once the fresh prompt is there. The terminal delivers Ctrl-C as a signal on
        // its own thread, so keys sent right behind it may reach the old line before the interrupt does.
        shell.awaitScreenCount(prompt, prompts + 1);
        shell.type("after the clear\r");
        shell.awaitScreen("» Ada: after the clear");

        assertThat(shell.rendered()).filteredOn(line -> line.contains("only once please")).hasSize(1);
        assertThat(shell.rendered()).noneMatch(line -> line.contains("never to be sent"));
        shell.type("\u0003");
        assertThat(shell.awaitExit()).isZero();
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("only once please", "after the clear");
    }

    @Test
    void aMessageTheServerRefusesShowsItsReasonAboveThePromptAndTheShellGoesOn() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Ada");
        Room room = ada.createRoom("Refused", RoomType.CHAT);

        try (Shell shell = Shell.start(ada, room.name())) {
            shell.type("\u001b[200~" + "x".repeat(16_001) + "\u001b[201~\r");
            shell.awaitScreen("!! not sent (Ensure this field has no more than 16000 characters.): "
                    + "x".repeat(39) + "…");
            shell.type("still here\r");
            shell.awaitScreen("» Ada: still here");
        }

        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("still here");
    }

    @Test
    void slashCommandsHistoryAndCtrlCLeaveCleanly() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Ada");
        Room first = ada.createRoom("First", RoomType.CHAT);
        Room second = ada.createRoom("Second", RoomType.CHAT);
        ada.runWithInput("m1\nm2\nm3\n", "send", first.name());

        Shell shell = Shell.start(ada, first.name());
        shell.type("/history 1\r");
        shell.awaitScreenCount("Ada: m3", 2);
        shell.type("/rooms\r");
        shell.awaitScreen("#" + second.id() + " " + second.name());
        shell.type("/nonsense\r");
        shell.awaitScreen("unknown command /nonsense");
        shell.type("/join " + second.id() + "\r");
        shell.awaitScreen("connected to " + second.name());
        shell.type("in the second room\r");
        shell.awaitScreen("Ada: in the second room");
        shell.type("\u0003");

        assertThat(shell.awaitExit()).isZero();
        assertThat(ada.sdk().rooms().listMessages(second.id())).extracting(Message::content)
                .containsExactly("in the second room");
        Path history = ada.configHome.resolve("rooms/history");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");
        assertThat(history).content().contains("in the second room");
    }

    @Test
    void olderAndPageUpScrollBackPageByPageAndSearchFindsInThisRoom() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Ada");
        Room room = ada.createRoom("Long", RoomType.CHAT);
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            lines.append(String.format("m%02d%n", i));
        }
        ada.runWithInput(lines.toString(), "send", room.name());

        try (Shell shell = Shell.start(ada, room.name())) {
            shell.type("/older 3\r");
            shell.awaitScreen("-- 3 older messages:");
            shell.type("\u001b[5~");
            shell.awaitScreen("-- 2 older messages:");
            shell.type("/older\r");
            shell.awaitScreen("-- no messages in " + room.name() + " before the ones shown");
            shell.type("/search M1\r");
            shell.awaitScreen("-- 10 messages with 'M1':");
            shell.type("/search nowhere\r");
            shell.awaitScreen("-- no message in " + room.name() + " contains 'nowhere'");

            String screen = shell.screen();
            assertThat(screen.substring(0, screen.indexOf("-- 3 older"))).contains("Ada: m06").doesNotContain("m05");
            assertThat(shown(screen, "-- 3 older messages:", "-- 2 older")).containsExactly("m03", "m04", "m05");
            assertThat(shown(screen, "-- 2 older messages:", "-- no messages")).containsExactly("m01", "m02");
            assertThat(shown(screen, "-- 10 messages with 'M1':", "-- no message in"))
                    .containsExactly("m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17", "m18", "m19");
        } finally {
            // The server is shared and other tests list its rooms on a screen of fixed height.
            ada.sdk().rooms().delete(room.id());
        }
    }

    /** The message texts shown between two markers of the screen, in order. */
    private static List<String> shown(String screen, String from, String to) {
        int start = screen.indexOf(from) + from.length();
        return Pattern.compile("Ada: (m\\d\\d)").matcher(screen.substring(start, screen.indexOf(to, start)))
                .results().map(match -> match.group(1)).toList();
    }

    @Test
    void twoShellsStartedAtOnceWithoutAHistoryFileBothRun() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Twice");
        Room room = ada.createRoom("Twice", RoomType.CHAT);
        Path history = ada.configHome.resolve("rooms/history");
        assertThat(history).doesNotExist();

        CompletableFuture<Shell> first = CompletableFuture.supplyAsync(() -> Shell.startUnchecked(ada, room.name()));
        CompletableFuture<Shell> second = CompletableFuture.supplyAsync(() -> Shell.startUnchecked(ada, room.name()));
        try (Shell one = first.get(20, TimeUnit.SECONDS); Shell two = second.get(20, TimeUnit.SECONDS)) {
            one.type("from the first\r");
            two.awaitScreen("» Twice: from the first");
            one.type("\u0004");
            two.type("\u0004");

            assertThat(one.awaitExit()).isZero();
            assertThat(two.awaitExit()).isZero();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history))).isEqualTo("rw-------");
    }

    @Test
    void ctrlDLeavesCleanly() throws Exception {
        Cli ada = new Cli();
        ada.registerFresh("Leaver");
        Room room = ada.createRoom("Leave", RoomType.CHAT);

        Shell shell = Shell.start(ada, room.name());
        shell.type("\u0004");

        assertThat(shell.awaitExit()).isZero();
        assertThat(shell.screen()).contains("left " + room.name());
    }

    @Test
    void hostileTextFromAnotherUserCannotForgeALineRetitleOrClearTheScreen() throws Exception {
        Cli eve = new Cli();
        eve.registerFresh("Eve");
        Cli mallory = new Cli();
        mallory.registerFresh("Mallory");
        mallory.run("profile", "update", "--name", "Mallory\r\u001b[2K02:37   Bob");
        Cli bob = new Cli();
        bob.registerFresh("Bob");
        String name = "Hostile %P%N " + UUID.randomUUID().toString().substring(0, 6);
        eve.run("room", "create", name, "--description",
                "quiet\u001b]0;pwned title\u0007 room\n02:37   Bob: fake description line");

        try (Shell bobShell = Shell.start(bob, name)) {
            eve.run("send", name, "harmless\r\u001b[2K02:37   Bob: I owe Ada 100 EUR");
            eve.run("send", name, "\u001b]0;pwned title\u0007retitled?");
            eve.run("send", name, "\u001b[2J\u001b[Hcleared?");
            eve.run("send", name, "line one\n02:37   Bob: I owe Ada 200 EUR\r\n\u202eRUE 003");
            mallory.run("send", name, "hi from mallory");
            bobShell.awaitScreen("hi from mallory");
            // The messages first: the /rooms listing below may scroll them off a screen shared with other tests' rooms.
            assertThat(bobShell.rawScreen())
                    .doesNotContain("\u001b]", "\u0007", "\u001b[2J", "\u001b[2K", "\u202e", "pwned title");
            List<String> screen = bobShell.rendered();
            assertThat(screen).noneMatch(line -> line.matches("\\d\\d:\\d\\d +Bob:.*"));
            assertThat(screen).anyMatch(line -> line.matches("\\d\\d:\\d\\d   Eve: harmless␍␛02:37   Bob: I owe Ada 100 EUR"));
            assertThat(screen).anyMatch(line -> line.matches("\\d\\d:\\d\\d   Eve: ␛retitled\\?"));
            assertThat(screen).anyMatch(line -> line.matches("\\d\\d:\\d\\d   Eve: ␛␛cleared\\?"));
            assertThat(String.join("\n", screen)).containsSubsequence(
                    "-- joined " + name + ": quiet␛ room␊02:37   Bob: fake description line",
                    "Eve: line one\n           ┆ 02:37   Bob: I owe Ada 200 EUR\n           ┆ \uFFFDRUE 003\n",
                    "Mallory␍␛02:37   Bob: hi from mallory");

            bobShell.type("/rooms\r");
            bobShell.awaitScreen(name + " (chat) - quiet");

            assertThat(bobShell.rawScreen())
                    .doesNotContain("\u001b]", "\u0007", "\u001b[2J", "\u001b[2K", "\u202e", "pwned title");
            assertThat(String.join("\n", bobShell.rendered())).containsSubsequence(
                    name + " (chat) - quiet␛ room␊02:37   Bob: fake description line", name + ">");
        }
    }

    private static RoomConnection openConnection(Cli cli, Room room) {
        CountDownLatch open = new CountDownLatch(1);
        RoomConnection connection = cli.sdk().connect(room.id(), new RoomListener() {
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
