package dev.rooms.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rooms.sdk.model.Tokens;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import okhttp3.HttpUrl;

/**
 * A {@link TokenStore} backed by a small JSON file ({@code {"server": "...", "access": "...", "refresh": "..."}}),
 * the store the command line uses.
 *
 * <p><b>One server's tokens.</b> The file records the server the tokens came from (its base URL normalised to
 * scheme, host, port and path, e.g. {@code http://localhost:8000/}). A {@link RoomsClient} uses the store through
 * {@link #forServer(String)} for its own base URL: that view loads the tokens only if they came from that server,
 * and otherwise is empty — the client is not logged in there, so it sends no access token and no refresh token to
 * a server they do not belong to. Saving through the view records its server, replacing the tokens of whatever
 * server the file held before (one login per file); clearing through it deletes the file only if it holds that
 * server's tokens. A file written by SDK 0.1 has no server; its tokens count as
 * {@link #withLegacyServer(String) the legacy server's}, and as nobody's (never sent) when none is set. The store
 * as {@link TokenStore#file(Path)} returns it, before {@code forServer}, reads and writes the file's tokens
 * whatever their server.
 *
 * <p>The file is created readable and writable by its owner only ({@code rw-------}) where the file system has
 * POSIX permissions, and stays so when a save replaces a file that had looser permissions; missing parent
 * directories are created {@code rwx------} (existing ones are left as they are). Every save writes a new
 * owner-only temporary file next to it, forces it to disk and renames it into place atomically, so a reader
 * (another process, too) sees the old tokens or the new ones, never half a file; of concurrent saves — from
 * threads, several store instances or several processes — the last rename wins and no temporary file is left
 * behind.
 *
 * <p>Thread-safe and immutable; the views share the file, not state. The file is read on every {@link #load()},
 * so saves of other processes are seen. I/O failures surface as {@link UncheckedIOException}.
 */
public final class FileTokenStore implements TokenStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    /** The server whose tokens this view holds; {@code null} before {@link #forServer}: whatever the file has. */
    private final String server;
    /** Whose the tokens of a file without a server are; {@code null}: nobody's. */
    private final String legacyServer;

    /**
     * Creates a store for a file that need not exist yet.
     *
     * @param file the JSON file
     */
    public FileTokenStore(Path file) {
        this(Objects.requireNonNull(file, "file == null").toAbsolutePath(), null, null);
    }

    private FileTokenStore(Path file, String server, String legacyServer) {
        this.file = file;
        this.server = server;
        this.legacyServer = legacyServer;
    }

    /**
     * Returns the file this store reads and writes.
     *
     * @return the absolute path
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the server whose tokens this view holds.
     *
     * @return the normalised base URL given to {@link #forServer}, or empty for the store before it
     */
    public Optional<String> server() {
        return Optional.ofNullable(server);
    }

    /**
     * Returns the view of the same file for one server's tokens; a {@link RoomsClient} calls it with its base URL.
     *
     * @param baseUrl an http(s) URL; only its scheme, host, port and path count
     * @return a store that loads the file's tokens only if they came from {@code baseUrl}, and saves them as its
     * @throws IllegalArgumentException if {@code baseUrl} is not an http(s) URL
     */
    @Override
    public FileTokenStore forServer(String baseUrl) {
        return new FileTokenStore(file, normalise(baseUrl), legacyServer);
    }

    /**
     * Returns a store for the same file that takes tokens saved without a server — by SDK 0.1, before the file
     * recorded it — to be {@code baseUrl}'s, so such a file keeps working for the server it was written for. The
     * command line passes the profile's own server.
     *
     * @param baseUrl the server the tokens of an old file came from
     * @return a store like this one with that assumption
     * @throws IllegalArgumentException if {@code baseUrl} is not an http(s) URL
     */
    public FileTokenStore withLegacyServer(String baseUrl) {
        return new FileTokenStore(file, server, normalise(baseUrl));
    }

    @Override
    public synchronized Optional<Tokens> load() {
        try {
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            String access = node.path("access").asText(null);
            String refresh = node.path("refresh").asText(null);
            if (access == null || refresh == null || !belongsHere(node.path("server").asText(null))) {
                return Optional.empty();
            }
            return Optional.of(new Tokens(access, refresh));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the token file " + file + " is damaged (it is not the JSON this SDK "
                    + "writes); delete it and log in again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokens from " + file, e);
        }
    }

    @Override
    public synchronized void save(Tokens tokens) {
        Objects.requireNonNull(tokens, "tokens == null");
        ObjectNode node = JSON.createObjectNode();
        if (server != null) {
            node.put("server", server);
        }
        node.put("access", tokens.access()).put("refresh", tokens.refresh());
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

    /** Deletes the file; through a server's view only if the file holds that server's tokens. */
    @Override
    public synchronized void clear() {
        if (server != null && load().isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private boolean belongsHere(String recorded) {
        if (server == null) {
            return true;
        }
        return server.equals(recorded != null ? normaliseOrNull(recorded) : legacyServer);
    }

    /** A base URL reduced to what identifies the server: scheme, host, port (default ones omitted) and path. */
    private static String normalise(String baseUrl) {
        Objects.requireNonNull(baseUrl, "baseUrl == null");
        String normalised = normaliseOrNull(baseUrl);
        if (normalised == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        return normalised;
    }

    private static String normaliseOrNull(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            return null;
        }
        String path = parsed.encodedPath().endsWith("/") ? parsed.encodedPath() : parsed.encodedPath() + "/";
        return new HttpUrl.Builder().scheme(parsed.scheme()).host(parsed.host()).port(parsed.port())
                .encodedPath(path).build().toString();
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
