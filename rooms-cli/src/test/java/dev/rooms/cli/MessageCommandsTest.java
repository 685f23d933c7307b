package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.testing.TcpProxy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServer.class)
class MessageCommandsTest {

    private static Cli ada;
    private static String adaEmail;
    private static Cli bob;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void users() {
        ada = new Cli();
        adaEmail = ada.registerFresh("Ada");
        bob = new Cli();
        bob.registerFresh("Bob");
    }

    @Test
    void sendOneMessageThenSeeItInTheHistory() throws Exception {
        Room room = newRoom();

        Cli.Result sent = ada.run("send", room.name(), "Hello,", "everyone!", "--json");
        Cli.Result table = bob.run("messages", room.name());
        Cli.Result history = bob.run("messages", String.valueOf(room.id()), "--json");

        assertThat(sent.exitCode()).isZero();
        assertThat(json.readTree(sent.out()).get("content").asText()).isEqualTo("Hello, everyone!");
        assertThat(table.out()).contains("TIME", "FROM", "Ada", "Hello, everyone!");
        JsonNode messages = json.readTree(history.out());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("user").get("name").asText()).isEqualTo("Ada");
        assertThat(messages.get(0).has("created_at")).isTrue();
        assertThat(messages.get(0).has("nonce")).isFalse();
    }

    @Test
    void sendWithoutTextSendsEachNonBlankLineOfStdinInOrder() {
        Room room = newRoom();

        Cli.Result sent = ada.runWithInput("first\n\nsecond\nthird\n", "send", room.name());

        assertThat(sent.exitCode()).isZero();
        assertThat(sent.out()).isEmpty();
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("first", "second", "third");
    }

    @Test
    void historyAfterAnIdAndTheLastN() throws Exception {
        Room room = newRoom();
        ada.runWithInput("one\ntwo\nthree\nfour\n", "send", room.name(), "-");
        List<Message> all = ada.sdk().rooms().listMessages(room.id());

        Cli.Result after = ada.run("messages", room.name(), "--after", String.valueOf(all.get(1).id()), "--json");
        Cli.Result last = ada.run("messages", room.name(), "--last", "1", "--json");

        assertThat(json.readTree(after.out()).findValuesAsText("content")).containsExactly("three", "four");
        assertThat(json.readTree(last.out()).findValuesAsText("content")).containsExactly("four");
    }

    @Test
    void sendToAnUnknownRoomExits4() {
        Cli.Result result = ada.run("send", "no such room " + UUID.randomUUID(), "hi");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).startsWith("error: no room named");
    }

    @Test
    void followPrintsHistoryThenLiveMessagesOnePerLineUntilInterrupted() throws Exception {
        Room room = newRoom();
        ada.run("send", room.name(), "before");
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = new Thread(() -> exit.set(Main.run(environment(bob), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "messages", room.name(), "--follow", "--json")));
        follower.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("before"));

        ada.run("send", room.name(), "live one");
        ada.run("send", room.name(), "live two");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("live two"));
        follower.interrupt();
        follower.join(5000);

        assertThat(exit.get()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().map(line -> read(line).get("content").asText()))
                .containsExactly("before", "live one", "live two");
    }

    @Test
    void followEndsWith4WhenTheRoomIsDeleted() throws Exception {
        Room room = newRoom();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = new Thread(() -> exit.set(Main.run(environment(ada), new PrintWriter(out, true),
                new PrintWriter(err, true), "messages", room.name(), "-f")));
        follower.start();
        bob.run("send", room.name(), "hello from bob");
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("hello from bob"));

        ada.run("room", "delete", String.valueOf(room.id()), "--yes");
        follower.join(10000);

        assertThat(exit.get()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(out.toString()).contains("Bob: hello from bob");
        assertThat(err.toString()).contains("error: room " + room.id() + " was deleted");
    }

    @Test
    void sendThatTheServerNeverAnswersExits7AndDoesNotBlameTheNetwork() throws Exception {
        Room room = newRoom();
        Cli viaSilence = new Cli();
        try (TcpProxy proxy = new TcpProxy(TestServer.port())) {
            viaSilence.variables.put("ROOMS_SERVER", proxy.url());
            // Tokens are kept per server address: log in at the address that will fall silent.
            viaSilence.runWithInput(Cli.password(adaEmail) + "\n", "login", "-e", adaEmail, "--password-stdin");
            // From now on the server is reachable but never hears a request, so it never answers.
            proxy.dropRequests();
            int before = proxy.connectionsAccepted();

            Cli.Result result = viaSilence.run("send", String.valueOf(room.id()), "--timeout", "1", "anyone there?");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.UNCONFIRMED);
            assertThat(result.err()).isEqualTo("error: message 1 ('anyone there?'): no answer from the server "
                    + "within 1 second; it may or may not have been stored; check with 'rooms messages " + room.id()
                    + " --last 5'" + System.lineSeparator());
            // The first request and the two retries, all with the same key.
            assertThat(proxy.connectionsAccepted() - before).isEqualTo(3);
        }
    }

    @Test
    void sendToAServerThatIsNotThereExits6() throws Exception {
        Room room = newRoom();
        Cli viaProxy = new Cli();
        String gone;
        try (TcpProxy proxy = new TcpProxy(TestServer.port())) {
            viaProxy.variables.put("ROOMS_SERVER", proxy.url());
            viaProxy.runWithInput(Cli.password(adaEmail) + "\n", "login", "-e", adaEmail, "--password-stdin");
            gone = proxy.url();
        }
        // Nothing listens at the proxy's address any more: every attempt is refused.

        Cli.Result result = viaProxy.run("send", String.valueOf(room.id()), "hello?");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).startsWith("error: cannot reach the server at " + gone);
        assertThat(ada.sdk().rooms().listMessages(room.id())).isEmpty();
    }

    @Test
    void sendOverRestReachesTheRoomsLiveConnections() throws Exception {
        Room room = newRoom();
        List<String> heard = new CopyOnWriteArrayList<>();
        RoomConnection live = bob.sdk().connect(room.id(), new RoomListener() {
            @Override
            public void onMessage(RoomConnection connection, Message message) {
                heard.add(message.content());
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !ada.sdk().rooms().presence(room.id()).isEmpty());

            Cli.Result sent = ada.run("send", room.name(), "over REST");

            assertThat(sent.exitCode()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("over REST"));
        } finally {
            live.close();
        }
    }

    @Test
    void sendWorksWhereLiveConnectionsGetNoAnswer() throws Exception {
        Room room = newRoom();
        try (TcpProxy proxy = new TcpProxy(TestServer.port())) {
            proxy.silenceWebSockets();
            Cli viaProxy = new Cli();
            viaProxy.variables.put("ROOMS_SERVER", proxy.url());
            viaProxy.runWithInput(Cli.password(adaEmail) + "\n", "login", "-e", adaEmail, "--password-stdin");

            Cli.Result result = viaProxy.run("send", room.name(), "--timeout", "2", "no socket needed");

            assertThat(result.exitCode()).isZero();
        }
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly("no socket needed");
    }

    @Test
    void sendOfAMessageTheServerRefusesPrintsItsReasonOnOneLineAndExits1() {
        Room room = newRoom();
        String sixThousand = "y".repeat(6_000);

        Cli.Result accepted = ada.run("send", room.name(), sixThousand);
        Cli.Result refused = ada.run("send", room.name(), "x".repeat(16_001));

        assertThat(accepted.exitCode()).isZero();
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).isEqualTo("error: message 1 ('" + "x".repeat(39) + "…') not sent: "
                + "Ensure this field has no more than 16000 characters." + System.lineSeparator());
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content)
                .containsExactly(sixThousand);
    }

    @Test
    void sendFromStdinStopsAtTheRefusedLineAndSaysWhichItWasAndWhatWasStored() {
        Room room = newRoom();

        Cli.Result refused = ada.runWithInput("one\n" + "x".repeat(16_001) + "\nthree\n", "send", room.name());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).isEqualTo("error: message 2 ('" + "x".repeat(39) + "…') not sent: "
                + "Ensure this field has no more than 16000 characters. (the 1 before it were stored)"
                + System.lineSeparator());
        assertThat(ada.sdk().rooms().listMessages(room.id())).extracting(Message::content).containsExactly("one");
    }

    private JsonNode read(String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static Environment environment(Cli cli) {
        return new Environment(cli.variables, new ByteArrayInputStream(new byte[0]), null, false, cli.terminals);
    }

    private static Room newRoom() {
        return ada.sdk().rooms().create("Talk " + UUID.randomUUID().toString().substring(0, 8), null, RoomType.CHAT);
    }
}
