package dev.rooms.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rooms.sdk.model.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link TokenStore} backed by a small JSON file ({@code {"access": "...", "refresh": "..."}}), the store the
 * command line uses.
 *
 * <p>The file is created readable and writable by its owner only ({@code rw-------}) where the file system has
 * POSIX permissions, and stays so when a save replaces a file that had looser permissions; missing parent
 * directories are created {@code rwx------} (existing ones are left as they are). Every save writes a new
 * owner-only temporary file next to it, forces it to disk and renames it into place atomically, so a reader
 * (another process, too) sees the old tokens or the new ones, never half a file; of concurrent saves — from
 * threads, several store instances or several processes — the last rename wins and no temporary file is left
 * behind.
 *
 * <p>Thread-safe. The file is read on every {@link #load()}, so saves of other processes are seen. I/O failures
 * surface as {@link UncheckedIOException}.
 */
public final class FileTokenStore implements TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    /**
     * Creates a store for a file that need not exist yet.
     *
     * @param file the JSON file
     */
    public FileTokenStore(Path file) {
        this.file = Objects.requireNonNull(file, "file == null").toAbsolutePath();
    }

    /**
     * Returns the file this store reads and writes.
     *
     * @return the absolute path
     */
    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<Tokens> load() {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            String access = node.path("access").asText(null);
            String refresh = node.path("refresh").asText(null);
            if (access == null || refresh == null) {
                return Optional.empty();
            }
            return Optional.of(new Tokens(access, refresh));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokens from " + file, e);
        }
    }

    @Override
    public synchronized void save(Tokens tokens) {
        Objects.requireNonNull(tokens, "tokens == null");
        ObjectNode node = JSON.createObjectNode().put("access", tokens.access()).put("refresh", tokens.refresh());
        try {
            Path directory = file.getParent();
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory, ownerOnly("rwx------"));
            }
            Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp",
                    ownerOnly("rw-------"));
            try {
                write(temporary, JSON.writeValueAsBytes(node));
                restrictWithoutPosix(temporary);
                move(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tokens to " + file, e);
        }
    }

    @Override
    public synchronized void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    /** Writes and forces the bytes to disk before the rename, so a crash cannot leave an empty file in place. */
    private static void write(Path path, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private boolean posix() {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private FileAttribute<?>[] ownerOnly(String permissions) {
        if (!posix()) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> set = PosixFilePermissions.fromString(permissions);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(set)};
    }

    private void restrictWithoutPosix(Path path) {
        if (posix()) {
            return;
        }
        // Best effort where POSIX permissions do not exist (e.g. Windows): drop access for everyone but the owner.
        java.io.File f = path.toFile();
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
    }
}
