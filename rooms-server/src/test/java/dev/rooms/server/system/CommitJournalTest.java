package dev.rooms.server.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CommitJournalTest {

    @TempDir
    Path dir;

    @Test
    void recoverWhenTheLastEntryWasCutShortThenEveryCompleteEntryIsReplayedInOrderAndTheFilesGo() throws Exception {
        CommitJournal before = CommitJournal.in(dir, false, 1 << 20);
        before.commitAndAppend(() -> { }, bytes("first"));
        before.commitAndAppend(() -> { }, bytes("second"));
        before.close();
        try (Stream<Path> files = Files.list(dir)) {
            // A crash in the middle of an append: a header promising more bytes than arrived.
            Files.write(files.findFirst().orElseThrow(), new byte[] {0, 0, 0, 100, 1, 2, 3}, StandardOpenOption.APPEND);
        }
        List<String> replayed = new ArrayList<>();
        List<String> checkpoints = new ArrayList<>();

        int entries = CommitJournal.in(dir, false, 1 << 20).recover(
                entry -> replayed.add(new String(entry, StandardCharsets.UTF_8)), () -> checkpoints.add("after " + replayed));

        assertThat(entries).isEqualTo(2);
        assertThat(replayed).containsExactly("first", "second");
        assertThat(checkpoints).containsExactly("after [first, second]");
        assertThat(files()).isEmpty();
    }

    @Test
    void retireWhenACheckpointEndsThenOnlyTheFilesBeforeItsStartGo() throws Exception {
        CommitJournal journal = CommitJournal.in(dir, false, 1 << 20);
        journal.commitAndAppend(() -> { }, bytes("covered by the checkpoint"));

        journal.rotate();
        journal.commitAndAppend(() -> { }, bytes("after its start"));
        journal.retire();
        journal.close();

        List<String> replayed = new ArrayList<>();
        CommitJournal.in(dir, false, 1 << 20).recover(entry -> replayed.add(new String(entry, StandardCharsets.UTF_8)), () -> { });
        assertThat(replayed).containsExactly("after its start");
    }

    @Test
    void commitAndAppendWhenTheFileReachesItsSizeThenACheckpointIsAskedFor() {
        CommitJournal journal = CommitJournal.in(dir, false, 40);

        assertThat(journal.commitAndAppend(() -> { }, new byte[16])).isFalse();
        assertThat(journal.commitAndAppend(() -> { }, new byte[16])).isTrue();
        journal.close();
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
