package dev.rooms.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The server's data directory. It holds the embedded database (password hashes, messages) and the signing secret,
 * so a directory the server creates is readable by its owner only, whatever the umask.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** Creates {@code dir} (and missing parents, owner-only) when it does not exist; an existing one is left as is. */
    public static Path create(Path dir) {
        try {
            return Files.createDirectories(dir, ownerOnly(dir.getFileSystem()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dir, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(FileSystem fileSystem) {
        return fileSystem.supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
    }
}
