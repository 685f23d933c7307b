package dev.rooms.server.live;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.ServerProcess;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database's chat journal across a SIGKILL: chat confirmed after the last write of the database
 * file comes back from the journal, and what a confirmed edit or deletion changed stays changed (the journal
 * never brings back a deleted message, nor a message of a deleted account or over an edit).
 */
class ChatJournalCrashTest {

    @TempDir
    Path dataDir;

    @Test
    void h2WhenKilledAfterConfirmedEditsAndDeletionsThenTheJournalRestoresOnlyWhatStands() throws Exception {
        try (ServerProcess server = new ServerProcess("h2-journal", List.of("--rooms.data-dir=" + dataDir,
                "--rooms.rate-limit.enabled=false"), Map.of())) {
            server.start();
            ApiClient api = new ApiClient(server.port());
            TestUser ada = api.register("Ada");
            TestUser bob = api.register("Bob");
            long room = api.createRoom(ada);
            SocketClient adaSocket = SocketClient.open(server.port(), room, ada.access());
            SocketClient bobSocket = SocketClient.open(server.port(), room, bob.access());
            long deleted = say(adaSocket, bobSocket, "to be deleted");
            long edited = say(adaSocket, bobSocket, "to be edited");
            say(bobSocket, adaSocket, "from an account to be deleted");
            long kept = say(adaSocket, bobSocket, "kept");

            api.deleteMessage(ada, room, deleted);
            api.edit(ada, room, edited, "edited");
            api.deleteAccount(bob);
            bobSocket.awaitClose(10);
            long last = 0;
            for (int i = 1; i <= 20; i++) {
                adaSocket.sendJson(Map.of("content", "after the last write #" + i, "nonce", "a" + i));
                last = adaSocket.next().get("id").longValue();
            }
            assertThat(journalFiles()).as("chat since the last checkpoint is journaled").isNotEmpty();
            server.kill();
            server.start();

            List<JsonNode> history = api.history(ada, room);
            assertThat(history.stream().map(message -> message.get("content").stringValue()).toList())
                    .startsWith("edited", "kept", "after the last write #1")
                    .endsWith("after the last write #20")
                    .hasSize(22);
            assertThat(history.get(0).get("id").longValue()).isEqualTo(edited);
            assertThat(history.get(1).get("id").longValue()).isEqualTo(kept);
            assertThat(history.get(21).get("id").longValue()).isEqualTo(last);
            assertThat(server.output()).contains("Chat journal replayed");
            SocketClient again = SocketClient.open(server.port(), room, ada.access());
            again.sendJson(Map.of("content", "after the restart", "nonce", "r"));
            assertThat(again.next().get("id").longValue()).as("ids only grow").isGreaterThan(last);
            again.close();
        }
    }

    /** Sends a message and waits until both sockets have it: it was confirmed. */
    private static long say(SocketClient sender, SocketClient other, String content) {
        sender.sendJson(Map.of("content", content, "nonce", content));
        long id = sender.next().get("id").longValue();
        assertThat(other.next().get("id").longValue()).isEqualTo(id);
        return id;
    }

    private List<Path> journalFiles() throws Exception {
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("chat-journal-")).toList();
        }
    }
}
