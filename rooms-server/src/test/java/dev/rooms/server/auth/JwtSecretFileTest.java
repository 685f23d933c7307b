package dev.rooms.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtSecretFileTest {

    @TempDir
    Path dataDir;

    @Test
    void firstStartThenStrongSecretInOwnerOnlyFile() throws IOException {
        String secret = JwtSecretFile.loadOrCreate(dataDir.resolve("new"));

        Path file = dataDir.resolve("new").resolve(JwtSecretFile.FILE_NAME);
        assertThat(secret.getBytes(StandardCharsets.UTF_8)).hasSizeGreaterThanOrEqualTo(64);
        assertThat(Files.readString(file)).isEqualTo(secret);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void laterStartThenSameSecret() {
        String first = JwtSecretFile.loadOrCreate(dataDir);

        assertThat(JwtSecretFile.loadOrCreate(dataDir)).isEqualTo(first);
    }

    @Test
    void differentDataDirectoriesThenDifferentSecrets() {
        assertThat(JwtSecretFile.loadOrCreate(dataDir.resolve("a"))).isNotEqualTo(JwtSecretFile.loadOrCreate(dataDir.resolve("b")));
    }

    @Test
    void fileReadableByOthersThenTightened() throws IOException {
        String first = JwtSecretFile.loadOrCreate(dataDir);
        Path file = dataDir.resolve(JwtSecretFile.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(JwtSecretFile.loadOrCreate(dataDir)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
