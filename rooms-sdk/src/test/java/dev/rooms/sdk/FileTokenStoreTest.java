package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rooms.sdk.model.Tokens;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {

    @TempDir
    Path directory;

    @Test
    void loadWhenNoFileThenEmpty() {
        TokenStore store = TokenStore.file(directory.resolve("tokens.json"));

        assertThat(store.load()).isEmpty();
    }

    @Test
    void saveThenLoadFromAnotherInstanceReturnsTheTokens() {
        Path file = directory.resolve("nested/profile/tokens.json");
        Tokens tokens = new Tokens("access-1", "refresh-1");

        TokenStore.file(file).save(tokens);

        assertThat(TokenStore.file(file).load()).contains(tokens);
    }

    @Test
    void savedFileAndCreatedDirectoriesAreOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = directory.resolve("config/tokens.json");

        TokenStore.file(file).save(new Tokens("access-1", "refresh-1"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void replacingALooserFileLeavesItOwnerOnlyWithTheNewTokens() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        Path file = directory.resolve("tokens.json");
        Files.writeString(file, "{\"access\":\"old\",\"refresh\":\"old\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        TokenStore store = TokenStore.file(file);

        store.save(new Tokens("access-2", "refresh-2"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(store.load()).contains(new Tokens("access-2", "refresh-2"));
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void concurrentWritersThroughSeveralInstancesNeverLeaveAHalfFileOrATemporaryOne() throws Exception {
        Path file = directory.resolve("tokens.json");
        int writers = 4;
        int saves = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> work = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            TokenStore own = TokenStore.file(file);
            work.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < saves; i++) {
                    own.save(new Tokens("access-" + writer + "-" + i, "refresh-" + writer + "-" + i));
                }
                return null;
            }));
        }
        TokenStore reader = TokenStore.file(file);
        Future<Integer> reads = pool.submit(() -> {
            start.await();
            int seen = 0;
            while (writing.get()) {
                Optional<Tokens> tokens = reader.load();
                if (tokens.isPresent()) {
                    // Access and refresh always come from the same save: never a mix, never a torn file.
                    assertThat(tokens.get().refresh()).isEqualTo(tokens.get().access().replace("access", "refresh"));
                    seen++;
                }
            }
            return seen;
        });

        start.countDown();
        for (Future<?> writer : work) {
            writer.get(30, TimeUnit.SECONDS);
        }
        writing.set(false);

        assertThat(reads.get(30, TimeUnit.SECONDS)).isPositive();
        pool.shutdown();
        assertThat(reader.load()).hasValueSatisfying(tokens -> assertThat(tokens.access()).endsWith("-" + (saves - 1)));
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }

    @Test
    void firstSavesOfSeveralProcessesAtOnceCreateTheMissingDirectoriesWithoutFailing() throws Exception {
        int savers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(savers);
        try {
            for (int round = 0; round < 50; round++) {
                Path file = directory.resolve("round-" + round + "/config/tokens/default.json");
                CyclicBarrier start = new CyclicBarrier(savers);
                List<Future<?>> saves = new ArrayList<>();
                for (int saver = 0; saver < savers; saver++) {
                    TokenStore own = TokenStore.file(file);
                    Tokens tokens = new Tokens("access-" + saver, "refresh-" + saver);
                    saves.add(pool.submit(() -> {
                        start.await();
                        own.save(tokens);
                        return null;
                    }));
                }
                for (Future<?> save : saves) {
                    save.get(30, TimeUnit.SECONDS);
                }

                assertThat(TokenStore.file(file).load()).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void clearDeletesTheFile() {
        Path file = directory.resolve("tokens.json");
        TokenStore store = TokenStore.file(file);
        store.save(new Tokens("a", "r"));

        store.clear();

        assertThat(file).doesNotExist();
        assertThat(store.load()).isEmpty();
    }

    @Test
    void tokensToStringDoesNotRevealTheTokens() {
        assertThat(new Tokens("secret-access", "secret-refresh").toString())
                .doesNotContain("secret").contains("redacted");
    }
}
