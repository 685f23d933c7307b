package dev.rooms.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

import dev.rooms.server.system.DataDirectory;

/**
 * The signing secret the server generates for itself when none is configured: 512 random bits in
 * {@code <data dir>/jwt-secret}, readable by the owner only, reused on every later start so that issued
 * tokens survive restarts.
 */
final class JwtSecretFile {

    static final String FILE_NAME = "jwt-secret";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private JwtSecretFile() {
    }

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            DataDirectory.create(dataDir);
            if (!Files.exists(file)) {
                create(file);
            }
            restrictToOwner(file);
            String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (secret.getBytes(StandardCharsets.UTF_8).length < TokenService.MIN_SECRET_BYTES) {
                throw new IllegalStateException(file + " holds a secret shorter than "
                        + TokenService.MIN_SECRET_BYTES + " bytes; delete it to have a new one generated");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the signing secret " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[64];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // Created with owner-only permissions from the start: there is no moment where others could read it.
        try (SeekableByteChannel out = Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(file))) {
            out.write(ByteBuffer.wrap(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first; use theirs.
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        return supportsPosix(file)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (supportsPosix(file) && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    private static boolean supportsPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
