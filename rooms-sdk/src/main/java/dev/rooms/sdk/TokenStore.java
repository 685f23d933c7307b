package dev.rooms.sdk;

import dev.rooms.sdk.model.Tokens;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a {@link RoomsClient} keeps the user's tokens: login saves them, automatic refresh replaces the access
 * token, logout and account deletion clear them.
 *
 * <p>Implementations must be thread-safe: the client calls them from every thread that makes a request. Two
 * implementations come with the SDK: {@link #inMemory()} (the default) and {@link #file(Path)}.
 */
public interface TokenStore {

    /**
     * Returns the stored tokens.
     *
     * @return the tokens, or empty when the user is not logged in
     */
    Optional<Tokens> load();

    /**
     * Replaces the stored tokens.
     *
     * @param tokens the new tokens, never {@code null}
     */
    void save(Tokens tokens);

    /** Forgets the stored tokens; afterwards {@link #load()} is empty. */
    void clear();

    /**
     * Returns the view of this store that holds the tokens of one server. A {@link RoomsClient} reads and writes
     * its tokens only through the view for its own base URL, so tokens are never sent to a server they did not
     * come from.
     *
     * <p>The default returns this store itself: a store without a notion of servers belongs to the one client it
     * is given to (as {@link #inMemory()} does). A store that outlives its client — a file — records the server
     * with the tokens and overrides this, as {@link FileTokenStore} does.
     *
     * @param baseUrl the server's base URL, e.g. {@code http://localhost:8000/}
     * @return the store to use for that server
     */
    default TokenStore forServer(String baseUrl) {
        return this;
    }

    /**
     * Returns a new store that keeps tokens in memory only.
     *
     * @return an empty in-memory store
     */
    static TokenStore inMemory() {
        return new InMemoryTokenStore();
    }

    /**
     * Returns a store backed by a JSON file readable and writable by its owner only, which records the server
     * its tokens came from; see {@link FileTokenStore}.
     *
     * @param file the file; it and its missing parent directories are created on the first save
     * @return a store reading and writing {@code file}
     */
    static TokenStore file(Path file) {
        return new FileTokenStore(file);
    }
}
