package dev.rooms.server.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CommitJournalTest {

    /** Linux's open flag for synchronous data writes (octal 010000 on x86-64 and AArch64). */
    private static final int O_DSYNC = 010000;

    @TempDir
    Path dir;

    @Test
    void recoverWhenTheLastEntryWasCutShortThenEveryCompleteEntryIsReplayedInOrderAndTheFilesGo() throws Exception {
        CommitJournal before = CommitJournal.in(dir, false, 1 << 20);
        before.commitAndAppend(() -> { }, List.of(bytes("first")));
        before.commitAndAppend(() -> { }, List.of(bytes("second")));
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
        journal.commitAndAppend(() -> { }, List.of(bytes("covered by the checkpoint")));

        journal.rotate();
        journal.commitAndAppend(() -> { }, List.of(bytes("after its start")));
        journal.retire();
        journal.close();

        List<String> replayed = new ArrayList<>();
        CommitJournal.in(dir, false, 1 << 20).recover(entry -> replayed.add(new String(entry, StandardCharsets.UTF_8)), () -> { });
        assertThat(replayed).containsExactly("after its start");
    }

    @Test
    void commitAndAppendWhenTheFileReachesItsSizeThenACheckpointIsAskedFor() {
        CommitJournal journal = CommitJournal.in(dir, false, 40);

        assertThat(journal.commitAndAppend(() -> { }, List.of(new byte[16]))).isFalse();
        assertThat(journal.commitAndAppend(() -> { }, List.of(new byte[16]))).isTrue();
        journal.close();
    }

    @Test
    void recordWhenATransactionRecordsTwiceThenBothEntriesAreItsRecordUntilItCompletes() {
        CommitJournal journal = CommitJournal.in(dir, false, 1 << 20);
        TransactionSynchronizationManager.initSynchronization();
        try {
            journal.record(bytes("first batch"));
            journal.record(bytes("second batch"));

            assertThat(journal.recorded()).extracting(entry -> new String(entry, StandardCharsets.UTF_8))
                    .containsExactly("first batch", "second batch");
            TransactionSynchronizationManager.getSynchronizations()
                    .forEach(synchronization -> synchronization.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
        } finally {
            TransactionSynchronizationManager.clearSynchronization();
        }
        assertThat(journal.recorded()).isNull();
    }

    @Test
    void appendWithSyncOnCommitThenTheJournalFileIsWrittenWithDsync() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "needs Linux's /proc to see open flags");
        CommitJournal journal = CommitJournal.in(dir, true, 1 << 20);

        journal.commitAndAppend(() -> { }, List.of(bytes("on the disk before it returns")));

        Path file = files().get(0).toRealPath();
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            Path fd = open.filter(link -> file.equals(target(link))).findFirst().orElseThrow();
            String info = Files.readString(Path.of("/proc/self/fdinfo", fd.getFileName().toString()));
            Matcher flags = Pattern.compile("(?m)^flags:\\s+([0-7]+)$").matcher(info);
            assertThat(flags.find()).isTrue();
            assertThat(Integer.parseInt(flags.group(1), 8) & O_DSYNC).as("O_DSYNC").isNotZero();
        } finally {
            journal.close();
        }
    }

    private static Path target(Path link) {
        try {
            return Files.readSymbolicLink(link);
        } catch (IOException closedMeanwhile) {
            return null;
        }
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
