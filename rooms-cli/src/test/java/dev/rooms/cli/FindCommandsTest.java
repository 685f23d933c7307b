package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code room list} filters and {@code --all}, {@code messages} filters, {@code search}: against the real server. */
@ExtendWith(TestServer.class)
class FindCommandsTest {

    private static Cli ada;
    private static Cli bob;
    private static long bobId;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeAll
    static void users() {
        ada = new Cli();
        ada.registerFresh("Ada");
        bob = new Cli();
        bob.registerFresh("Bob");
        bobId = bob.sdk().auth().profile().id();
    }

    /**
     * The test server is shared by every CLI test class, and the chat shell's tests list its rooms on a screen of
     * fixed height: the rooms made here are deleted again.
     */
    @AfterEach
    void deleteRooms() {
        cleanup.forEach(Runnable::run);
        cleanup.clear();
    }

    @Test
    void roomListFiltersCombine() throws Exception {
        String marker = unique("find");
        Room adaChat = create(ada, marker + " chat", null, RoomType.CHAT);
        Room adaVideo = create(ada, marker + " video", null, RoomType.VIDEO);
        Room bobVideo = create(bob, "Bob's", "about " + marker.toUpperCase(), RoomType.VIDEO);

        Cli.Result videos = ada.run("room", "list", "--search", marker, "--type", "video", "--json");
        Cli.Result bobsOwn = bob.run("room", "list", "--search", marker, "--mine", "--json");
        Cli.Result first = ada.run("room", "list", "-s", marker, "--limit", "1", "--json");
        Cli.Result table = ada.run("room", "list", "--search", marker, "--type", "chat");
        Cli.Result none = ada.run("room", "list", "--search", marker + "-nothing");

        assertThat(ids(videos)).containsExactly(adaVideo.id(), bobVideo.id());
        assertThat(ids(bobsOwn)).containsExactly(bobVideo.id());
        assertThat(ids(first)).containsExactly(adaChat.id());
        assertThat(table.out().lines()).hasSize(2).last().asString().startsWith(adaChat.id() + " ")
                .contains(marker + " chat");
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo("No rooms match.\n");
    }

    @Test
    void roomListAllFetchesEveryPageAndWithJsonPrintsOneObjectPerLine() throws Exception {
        String marker = unique("all");
        List<Long> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(create(ada, marker + " " + i, null, RoomType.CHAT).id());
        }

        Cli.Result ndjson = ada.run("room", "list", "--search", marker, "--all", "--limit", "2", "--json");
        Cli.Result table = ada.run("room", "list", "--search", marker, "--all", "--limit", "2");

        assertThat(ndjson.exitCode()).isZero();
        List<String> lines = ndjson.out().lines().toList();
        assertThat(lines).hasSize(5);
        List<Long> ids = new ArrayList<>();
        for (String line : lines) {
            JsonNode room = json.readTree(line);
            assertThat(room.isObject()).isTrue();
            ids.add(room.get("id").asLong());
        }
        assertThat(ids).isEqualTo(created);
        assertThat(table.out().lines()).hasSize(6);
    }

    @Test
    void roomListBadValuesAreUsageErrorsNamingTheOption() {
        Cli.Result type = ada.run("room", "list", "--type", "audio");
        Cli.Result limit = ada.run("room", "list", "--limit", "0");
        Cli.Result blank = ada.run("room", "list", "--search", " ");

        assertThat(type.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(type.err()).startsWith("error: --type: \"audio\" is not a room type (chat, video)");
        assertThat(limit.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(limit.err()).startsWith("error: --limit: limit must be 1 to 1000: 0");
        assertThat(blank.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(blank.err()).startsWith("error: --search: search is blank");
    }

    @Test
    void messagesFiltersCombine() throws Exception {
        Room room = create(ada, unique("filters"), null, RoomType.CHAT);
        ada.runWithInput("Deploy started\nlunch?\n", "send", room.name());
        bob.runWithInput("deploy DONE\nok\n", "send", room.name());
        ada.runWithInput("redeploy tomorrow\n", "send", room.name());
        List<Message> all = ada.sdk().rooms().listMessages(room.id());

        Cli.Result mine = ada.run("messages", room.name(), "--search", "DEPLOY", "--from", "me", "--json");
        Cli.Result bobs = ada.run("messages", room.name(), "--from", String.valueOf(bobId), "--json");
        Cli.Result window = ada.run("messages", room.name(), "--since", all.get(1).createdAt().toString(),
                "--until", all.get(4).createdAt().toString(), "--json");
        Cli.Result before = ada.run("messages", room.name(), "--before", String.valueOf(all.get(3).id()), "--last",
                "2", "--json");
        Cli.Result newestAfter = ada.run("messages", room.name(), "--after", String.valueOf(all.get(0).id()),
                "--last", "2", "--json");
        Cli.Result recent = ada.run("messages", room.name(), "--since", "1h", "--search", "ok");

        assertThat(contents(mine)).containsExactly("Deploy started", "redeploy tomorrow");
        assertThat(contents(bobs)).containsExactly("deploy DONE", "ok");
        assertThat(contents(window)).containsExactly("lunch?", "deploy DONE", "ok");
        assertThat(contents(before)).containsExactly("lunch?", "deploy DONE");
        assertThat(contents(newestAfter)).containsExactly("ok", "redeploy tomorrow");
        assertThat(recent.out().lines()).hasSize(2).last().asString().contains("Bob", "ok");
    }

    @Test
    void messagesBadFiltersAreUsageErrors() {
        Room room = create(ada, unique("bad"), null, RoomType.CHAT);

        Cli.Result when = ada.run("messages", room.name(), "--since", "yesterday");
        Cli.Result user = ada.run("messages", room.name(), "--from", "bob@example.com");
        Cli.Result range = ada.run("messages", room.name(), "--since", "1h", "--until", "2h");
        Cli.Result follow = ada.run("messages", room.name(), "--follow", "--search", "x");

        assertThat(when.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(when.err()).contains("'yesterday' is not a time: use e.g. 2h, 3d, 2026-12-01");
        assertThat(user.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(user.err()).contains("'bob@example.com' is not a user: use 'me' or a user id");
        assertThat(range.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(range.err()).contains("is not before until");
        assertThat(follow.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(follow.err()).startsWith("error: --follow prints every new message; it cannot be combined");
    }

    @Test
    void searchFindsMessagesOfEveryRoomNewestFirstWithTheirRoom() throws Exception {
        String word = unique("zebra");
        Room ops = create(ada, unique("Ops"), null, RoomType.CHAT);
        Room dev = create(bob, unique("Dev"), null, RoomType.CHAT);
        ada.runWithInput("a " + word + " here\nnothing\n", "send", ops.name());
        bob.runWithInput(word.toUpperCase() + " again\n", "send", dev.name());
        ada.runWithInput("last " + word + "\n", "send", ops.name());

        Cli.Result all = ada.run("search", word, "--json");
        Cli.Result inDev = ada.run("search", word, "--room", dev.name(), "--json");
        Cli.Result fromMe = ada.run("search", word, "--from", "me", "--limit", "1", "--json");
        Cli.Result table = ada.run("search", word);
        Cli.Result none = ada.run("search", word + "-nowhere");

        assertThat(all.exitCode()).isZero();
        JsonNode results = json.readTree(all.out());
        assertThat(results.findValuesAsText("content"))
                .containsExactly("last " + word, word.toUpperCase() + " again", "a " + word + " here");
        assertThat(results.get(1).get("room").get("id").asLong()).isEqualTo(dev.id());
        assertThat(results.get(1).get("room").get("name").asText()).isEqualTo(dev.name());
        assertThat(results.get(1).get("user").get("name").asText()).isEqualTo("Bob");
        assertThat(results.get(1).has("created_at")).isTrue();
        assertThat(results.get(1).has("message")).isFalse();
        assertThat(contents(inDev)).containsExactly(word.toUpperCase() + " again");
        assertThat(contents(fromMe)).containsExactly("last " + word);
        assertThat(table.out().lines().toList()).hasSize(4);
        assertThat(table.out().lines().findFirst().orElseThrow()).matches("ID +TIME +ROOM +FROM +MESSAGE");
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow()).contains(ops.name(), "Ada",
                "last " + word);
        assertThat(none.out()).isEqualTo("No messages found.\n");
    }

    @Test
    void searchWithUnknownRoomIsNotFound() {
        Cli.Result result = ada.run("search", "anything", "--room", unique("nowhere"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).startsWith("error: no room named");
    }

    private Room create(Cli owner, String name, String description, RoomType type) {
        try (RoomsClient client = owner.sdk()) {
            Room room = client.rooms().create(name, description, type);
            cleanup.add(() -> {
                try (RoomsClient deleting = owner.sdk()) {
                    deleting.rooms().delete(room.id());
                }
            });
            return room;
        }
    }

    private List<Long> ids(Cli.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Long> ids = new ArrayList<>();
        json.readTree(result.out()).forEach(room -> ids.add(room.get("id").asLong()));
        return ids;
    }

    private List<String> contents(Cli.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.err()).isZero();
        return json.readTree(result.out()).findValuesAsText("content");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
