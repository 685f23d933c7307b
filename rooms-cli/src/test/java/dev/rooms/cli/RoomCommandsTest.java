package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServer.class)
class RoomCommandsTest {

    private static Cli owner;
    private static Cli stranger;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void users() {
        owner = new Cli();
        owner.registerFresh("Room Owner");
        stranger = new Cli();
        stranger.registerFresh("Stranger");
    }

    @Test
    void createThenListShowsTheRoomAsTableAndAsJson() throws Exception {
        String name = unique("Lobby");

        Cli.Result created = owner.run("room", "create", name, "--description", "Say hello", "--json");
        Cli.Result table = owner.run("room", "list");
        Cli.Result list = owner.run("room", "list", "--output", "json");

        assertThat(created.exitCode()).isZero();
        JsonNode room = json.readTree(created.out());
        assertThat(room.get("name").asText()).isEqualTo(name);
        assertThat(room.get("description").asText()).isEqualTo("Say hello");
        assertThat(room.get("room_type").asText()).isEqualTo("chat");
        assertThat(room.get("is_active").asBoolean()).isTrue();
        assertThat(room.get("creator").get("name").asText()).isEqualTo("Room Owner");
        assertThat(Instant.parse(room.get("created_at").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(table.out()).startsWith("ID  NAME");
        assertThat(table.out().lines()).anyMatch(line -> line.matches(room.get("id").asText() + " +"
                + Pattern.quote(name) + " +chat +Room Owner +[-0-9: ]+ +Say hello"));
        JsonNode rooms = json.readTree(list.out());
        assertThat(rooms.isArray()).isTrue();
        assertThat(rooms.findValuesAsText("name")).contains(name);
    }

    @Test
    void showFindsARoomByIdOrByName() throws Exception {
        String name = unique("Findable");
        long id = json.readTree(owner.run("room", "create", name, "-t", "video", "--json").out()).get("id").asLong();

        Cli.Result byId = owner.run("room", "show", String.valueOf(id));
        Cli.Result byName = owner.run("room", "show", name.toUpperCase(), "--json");

        assertThat(byId.out()).contains("ID           " + id, "Name         " + name, "Type         video");
        assertThat(json.readTree(byName.out()).get("id").asLong()).isEqualTo(id);
    }

    @Test
    void updateAndDeleteByTheCreator() throws Exception {
        String name = unique("Renamable");
        owner.run("room", "create", name);

        Cli.Result updated = owner.run("room", "update", name, "--name", name + " 2", "-d", "New words", "--json");
        Cli.Result deleted = owner.run("room", "delete", name + " 2", "--yes");
        Cli.Result gone = owner.run("room", "show", name + " 2");

        assertThat(json.readTree(updated.out()).get("description").asText()).isEqualTo("New words");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).startsWith("Deleted room ");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(gone.err()).isEqualTo("error: no room named '" + name + " 2'\n");
    }

    @Test
    void changingSomeoneElsesRoomIsForbidden() {
        String name = unique("Guarded");
        owner.run("room", "create", name);

        Cli.Result update = stranger.run("room", "update", name, "--name", "Mine now");
        Cli.Result delete = stranger.run("room", "delete", name, "--yes");

        assertThat(update.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(delete.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(delete.err()).isEqualTo("error: You can only delete rooms you created.\n");
    }

    @Test
    void unknownRoomIdExits4() {
        Cli.Result show = owner.run("room", "show", "987654");
        Cli.Result delete = owner.run("room", "delete", "#987654", "--yes");

        assertThat(show.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(show.err()).isEqualTo("error: no room with id 987654 (for a room named '987654', write "
                + "name:987654)\n");
        assertThat(delete.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(delete.err()).isEqualTo("error: no room with id 987654\n");
    }

    @Test
    void invalidRoomIsRejectedWithFieldErrors() {
        Cli.Result blank = owner.run("room", "create", " ");
        Cli.Result badType = owner.run("room", "create", "x", "--type", "radio");

        assertThat(blank.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(blank.err()).contains("\n  name: ");
        assertThat(badType.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badType.err()).contains("--type: \"radio\" is not a room type");
    }

    @Test
    void tablesFitTheTerminalWidthAndCutLongCells() {
        String name = unique("Wide");
        owner.run("room", "create", name, "-d", "x".repeat(300));
        Cli narrow = new Cli();
        narrow.variables.putAll(owner.variables);
        narrow.variables.put("COLUMNS", "70");
        narrow.variables.put("NO_COLOR", "1");
        narrow.interactive = true;

        Cli.Result result = narrow.run("room", "list");

        assertThat(result.out().lines()).allMatch(line -> line.codePointCount(0, line.length()) <= 70);
        assertThat(result.out()).contains("x…").doesNotContain("\u001b[");
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        Cli terminal = new Cli();
        terminal.variables.putAll(owner.variables);
        terminal.interactive = true;

        Cli.Result coloured = terminal.run("room", "list");
        Cli.Result piped = owner.run("room", "list");

        assertThat(coloured.out()).startsWith("\u001b[1mID");
        assertThat(piped.out()).doesNotContain("\u001b[");
    }

    @Test
    void deleteWithoutYesAsksOnATerminalAndKeepsTheRoomUnlessConfirmed() {
        String name = unique("Precious");
        owner.run("room", "create", name);
        Cli asked = new Cli();
        asked.variables.putAll(owner.variables);
        asked.interactive = true;

        Cli.Result kept = asked.runWithInput("no\n", "room", "delete", name);
        Cli.Result stillThere = owner.run("room", "show", name);
        Cli.Result deleted = asked.runWithInput("yes\n", "room", "delete", name);
        Cli.Result gone = owner.run("room", "show", name);

        assertThat(kept.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(kept.err()).contains("Delete the room '" + name + "'", "Type 'yes' to confirm",
                "not confirmed; the room was kept");
        assertThat(stillThere.exitCode()).isZero();
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).startsWith("Deleted room ");
        assertThat(gone.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void deleteWithoutYesAndWithoutATerminalRefusesAtOnceWithoutReadingInput() throws Exception {
        String name = unique("Scripted");
        owner.run("room", "create", name);
        // Standard input that never ends: reading it would hang the test.
        PipedInputStream neverEnds = new PipedInputStream(new PipedOutputStream());

        Cli.Result refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> owner.runWithInput(neverEnds, "room", "delete", name));
        Cli.Result stillThere = owner.run("room", "show", name);

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("error: not deleting the room without confirmation; add --yes\n");
        assertThat(stillThere.exitCode()).isZero();
    }

    @Test
    void tablesAlignWideCharactersByDisplayWidth() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        owner.run("room", "create", "会議室 " + tag, "-d", "日本語の説明");
        owner.run("room", "create", "🎉 party " + tag, "-d", "emoji 🎂🎈 and text");
        owner.run("room", "create", "plain " + tag, "-d", "ascii only");
        Cli wide = new Cli();
        wide.variables.putAll(owner.variables);
        wide.variables.put("COLUMNS", "200");
        wide.variables.put("NO_COLOR", "1");
        wide.interactive = true;

        Cli.Result result = wide.run("room", "list");

        List<String> lines = result.out().lines().filter(line -> line.contains(tag)).toList();
        assertThat(lines).hasSize(3);
        int typeColumn = Table.length(lines.get(0).substring(0, lines.get(0).indexOf("chat")));
        assertThat(lines).allSatisfy(line ->
                assertThat(Table.length(line.substring(0, line.indexOf("chat")))).isEqualTo(typeColumn));
    }

    @Test
    void withoutColumnsATerminalIsAskedForItsWidthOnlyForTables() throws Exception {
        String name = unique("Measured");
        owner.run("room", "create", name, "-d", "y".repeat(300));
        Cli terminal = new Cli();
        terminal.variables.putAll(owner.variables);
        terminal.variables.put("NO_COLOR", "1");
        terminal.interactive = true;
        AtomicInteger opened = new AtomicInteger();
        terminal.terminals = () -> {
            opened.incrementAndGet();
            Terminal fixed = new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]),
                    OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
            fixed.setSize(new Size(60, 24));
            return fixed;
        };

        Cli.Result json = terminal.run("room", "list", "--json");
        int openedForJson = opened.get();
        Cli.Result table = terminal.run("room", "list");

        assertThat(json.exitCode()).isZero();
        assertThat(openedForJson).isZero();
        assertThat(opened.get()).isEqualTo(1);
        assertThat(table.out().lines()).allMatch(line -> Table.length(line) <= 60);
        assertThat(table.out()).contains("y…");
    }

    private static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 6);
    }
}
