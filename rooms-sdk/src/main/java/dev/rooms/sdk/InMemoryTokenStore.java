package dev.rooms.sdk;

import dev.rooms.sdk.model.Tokens;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link TokenStore} that keeps tokens in memory; they are gone when the process ends. Thread-safe.
 */
public final class InMemoryTokenStore implements TokenStore {

    private final AtomicReference<Tokens> tokens = new AtomicReference<>();

    /** Creates an empty store. */
    public InMemoryTokenStore() {
    }

    @Override
    public Optional<Tokens> load() {
        return Optional.ofNullable(tokens.get());
    }

    @Override
    public void save(Tokens tokens) {
        this.tokens.set(Objects.requireNonNull(tokens, "tokens == null"));
    }

    @Override
    public void clear() {
        tokens.set(null);
    }
}
