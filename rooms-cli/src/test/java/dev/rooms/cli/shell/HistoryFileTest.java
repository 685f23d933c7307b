package dev.rooms.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat shells starting at once without a history file: one creates it, none fails. */
class HistoryFileTest {

    @TempDir
    Path directory;

    @Test
    void shellsStartingAtOnceAllGetTheOneOwnerOnlyHistoryFile() throws Exception {
        int shells = 8;
        ExecutorService pool = Executors.newFixedThreadPool(shells);
        try {
            for (int round = 0; round < 200; round++) {
                Path history = directory.resolve("history-" + round);
                CyclicBarrier start = new CyclicBarrier(shells);
                List<Future<?>> starts = new ArrayList<>();
                for (int shell = 0; shell < shells; shell++) {
                    starts.add(pool.submit(() -> {
                        start.await();
                        ChatShell.createHistoryFile(history);
                        return null;
                    }));
                }
                for (Future<?> started : starts) {
                    started.get(30, TimeUnit.SECONDS);
                }

                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(history)))
                        .isEqualTo("rw-------");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExistingHistoryIsKept() throws Exception {
        Path history = directory.resolve("history");
        Files.writeString(history, "earlier line\n");

        ChatShell.createHistoryFile(history);

        assertThat(history).hasContent("earlier line");
    }
}
