package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Text from other users and from the server, written to attack the reader's terminal, printed by the commands
 * other than the chat shell (which {@code ChatShellTest} covers): nothing of it reaches the output raw, and a
 * forged line stays visibly part of its message.
 */
@ExtendWith(TestServer.class)
class HostileTextTest {

    private static final String FORGED_LINE = "harmless\r\u001b[2K02:37   Bob: I owe Ada 100 EUR";
    private static final String RETITLE = "\u001b]0;pwned title\u0007retitled?";
    private static final String CLEAR = "\u001b[2J\u001b[Hcleared?";
    private static final String MULTI_LINE = "line one\n02:37   Bob: I owe Ada 200 EUR\r\n\u202eRUE 003";
    private static final String DESCRIPTION = "quiet\u001b]0;pwned title\u0007 room\n02:37   Bob: fake line";

    private static Cli eve;
    private static Cli bob;

    @BeforeAll
    static void users() {
        eve = new Cli();
        eve.registerFresh("Eve");
        bob = new Cli();
        bob.registerFresh("Bob");
    }

    @Test
    void followShowsHostileMessagesNeutralisedWithContinuationLinesUnderAGutter() throws Exception {
        Room room = hostileRoom();
        StringWriter out = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread follower = new Thread(() -> exit.set(Main.run(environment(bob), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), "messages", room.name(), "--follow")));
        follower.start();
        send(room, FORGED_LINE, RETITLE, CLEAR, MULTI_LINE);
        await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("RUE 003"));
        follower.interrupt();
        follower.join(5000);

        assertThat(exit.get()).isZero();
        String printed = out.toString();
        assertThat(printed).doesNotContain("\u001b", "\u0007", "\r", "\u202e", "pwned title");
        String head = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  Eve: ";
        // Every line is Eve's message or a continuation under the gutter: none passes for Bob's.
        assertThat(printed.lines()).allMatch(line -> line.matches(head + ".*| {21}┆ .*"));
        assertThat(printed).containsPattern(head + "harmless␍␛02:37   Bob: I owe Ada 100 EUR\n")
                .containsPattern(head + "␛retitled\\?\n")
                .containsPattern(head + "␛␛cleared\\?\n")
                .containsPattern(head + "line one\n {21}┆ 02:37   Bob: I owe Ada 200 EUR\n {21}┆ \uFFFDRUE 003\n");
    }

    @Test
    void messagesTableShowsEachHostileMessageOnOneNeutralisedRowAndJsonKeepsItExact() throws Exception {
        Room room = hostileRoom();
        send(room, FORGED_LINE, MULTI_LINE);

        Cli.Result table = bob.run("messages", room.name());
        Cli.Result json = bob.run("messages", room.name(), "--json");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).doesNotContain("\u001b", "\r", "\u202e");
        assertThat(table.out().lines()).hasSize(3);
        assertThat(table.out()).contains("Eve   harmless␍␛02:37   Bob: I owe Ada 100 EUR\n",
                "Eve   line one 02:37   Bob: I owe Ada 200 EUR \uFFFDRUE 003\n");
        // The same data, but what a terminal would act on is escaped: JSON's own escapes, and \\u202e for the bidi
        // override that JSON would otherwise write as it is.
        assertThat(json.out()).doesNotContain("\u001b", "\r", "\u202e").contains("\\u202e");
        JsonNode messages = new ObjectMapper().readTree(json.out());
        assertThat(messages.get(0).get("content").asText()).isEqualTo(FORGED_LINE);
        assertThat(messages.get(1).get("content").asText()).isEqualTo(MULTI_LINE);
    }

    @Test
    void roomListAndShowNeutraliseAHostileNameAndDescription() {
        String name = "Hostile\u001b[2J " + UUID.randomUUID().toString().substring(0, 6);
        eve.run("room", "create", name, "--description", DESCRIPTION);

        Cli.Result list = bob.run("room", "list");
        Cli.Result show = bob.run("room", "show", name);

        assertThat(list.exitCode()).isZero();
        assertThat(show.exitCode()).isZero();
        String visibleName = "Hostile␛ " + name.substring(name.length() - 6);
        assertThat(list.out()).doesNotContain("\u001b", "\u0007", "pwned title")
                .containsPattern(visibleName + " +chat +Eve .* quiet␛ room 02:37   Bob: fake line\n");
        assertThat(show.out()).doesNotContain("\u001b", "\u0007", "pwned title")
                .contains("Name         " + visibleName + "\n")
                .contains("Description  quiet␛ room 02:37   Bob: fake line\n");
    }

    @Test
    void theConfirmationPromptShowsAHostileRoomNameNeutralised() {
        Room room = eve.sdk().rooms().create("Mine\r\u001b[2KDelete Bob's room 'Lobby'?", null, RoomType.CHAT);
        Cli asked = new Cli();
        asked.variables.putAll(eve.variables);
        asked.interactive = true;

        Cli.Result kept = asked.runWithInput("no\n", "room", "delete", String.valueOf(room.id()));

        assertThat(kept.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(kept.err()).doesNotContain("\u001b", "\r")
                .startsWith("Delete the room 'Mine␍␛Delete Bob's room 'Lobby'?' (#" + room.id() + ")");
    }

    @Test
    void aHostileErrorDetailAndFieldErrorsFromTheServerArePrintedNeutralisedOnOneLineEach() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"detail\": \"bad\\u001b]0;pwned title\\u0007 input\\n02:37   Bob: fake\"}").build());
            server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"email\": [\"\\u001b[2Jnot valid\\r\\u001b[2K02:37   Bob: fake\"]}").build());
            server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
                    .body("{\"detail\": \"traced\\u001b]0;pwned title\\u0007 detail\"}").build());
            Cli stranger = new Cli();
            stranger.variables.put("ROOMS_SERVER", server.url("/").toString());

            Cli.Result detail = stranger.runWithInput("pw\n", "login", "--email", "x@example.com", "--password-stdin");
            Cli.Result fields = stranger.runWithInput("pw\n", "login", "--email", "x@example.com", "--password-stdin");
            Cli.Result debug = stranger.runWithInput("pw\n", "login", "--email", "x@example.com", "--password-stdin",
                    "--debug");

            assertThat(detail.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(detail.err()).isEqualTo("error: bad␛ input␊02:37   Bob: fake\n");
            assertThat(fields.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(fields.err()).isEqualTo("error: the server rejected the input\n"
                    + "  email: ␛not valid␍␛02:37   Bob: fake\n");
            assertThat(debug.err()).startsWith("error: traced␛ detail\n").contains("ValidationException: traced␛ detail")
                    .doesNotContain("\u001b", "\u0007", "pwned title");
        }
    }

    private static Room hostileRoom() {
        return eve.sdk().rooms().create("Hostile " + UUID.randomUUID().toString().substring(0, 6), DESCRIPTION,
                RoomType.CHAT);
    }

    private static void send(Room room, String... messages) {
        for (String message : messages) {
            assertThat(eve.run("send", room.name(), message).exitCode()).isZero();
        }
    }

    private static Environment environment(Cli cli) {
        return new Environment(cli.variables, new ByteArrayInputStream(new byte[0]), null, false, cli.terminals);
    }
}
