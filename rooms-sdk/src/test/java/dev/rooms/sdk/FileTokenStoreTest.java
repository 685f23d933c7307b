package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rooms.sdk.model.Tokens;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
