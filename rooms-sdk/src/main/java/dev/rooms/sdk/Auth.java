package dev.rooms.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rooms.sdk.internal.AsyncCalls;
import dev.rooms.sdk.internal.HttpApi;
import dev.rooms.sdk.internal.Jwt;
import dev.rooms.sdk.model.Tokens;
import dev.rooms.sdk.model.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The account calls of a {@link RoomsClient}: register, log in and out, refresh tokens, read, change and delete
 * the profile. Get it from {@link RoomsClient#auth()}.
 *
 * <p>Every method blocks until the server answered and throws {@link ApiException} (or a subclass) for an error
 * answer and {@link TransportException} when the server could not be reached. Each has an {@code ...Async} twin
 * that returns at once: its {@link CompletableFuture} completes on the client's executor (see
 * {@link RoomsClient.Builder#asyncExecutor}) with the result, or fails with that same exception, unwrapped.
 * Thread-safe.
 */
public final class Auth {

    private static final TypeReference<User> USER = new TypeReference<>() { };
    private static final TypeReference<Tokens> TOKENS = new TypeReference<>() { };

    private final HttpApi api;
    private final AsyncCalls async;
    private final AtomicReference<User> self = new AtomicReference<>();

    /** Made by {@link RoomsClient} only. */
    Auth(HttpApi api, AsyncCalls async) {
        this.api = api;
        this.async = async;
    }

    /**
     * Creates an account ({@code POST /auth/register/}). Does not log in.
     *
     * @param email    the email address, unique (case-insensitively)
     * @param name     the display name
     * @param password the password; the server rejects short, common, numeric or too similar ones
     * @return the new account
     * @throws ValidationException with field errors, e.g. {@code email: A user with this email already exists.}
     */
    public User register(String email, String name, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", Objects.requireNonNull(email, "email == null"));
        body.put("name", Objects.requireNonNull(name, "name == null"));
        body.put("password", Objects.requireNonNull(password, "password == null"));
        return api.post("auth/register/", body, false, USER);
    }

    /**
     * Like {@link #register(String, String, String)}, without blocking.
     *
     * @param email    the email address, unique (case-insensitively)
     * @param name     the display name
     * @param password the password
     * @return the future of the new account
     */
    public CompletableFuture<User> registerAsync(String email, String name, String password) {
        return async.supply(() -> register(email, name, password));
    }

    /**
     * Logs in ({@code POST /auth/login/}) and saves the tokens in the client's {@link TokenStore}.
     *
     * @param email    the account's email address
     * @param password the password
     * @return the tokens now stored
     * @throws AuthenticationException if the credentials are wrong
     */
    public Tokens login(String email, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", Objects.requireNonNull(email, "email == null"));
        body.put("password", Objects.requireNonNull(password, "password == null"));
        Tokens tokens = api.post("auth/login/", body, false, TOKENS);
        api.tokenStore().save(tokens);
        return tokens;
    }

    /**
     * Like {@link #login(String, String)}, without blocking.
     *
     * @param email    the account's email address
     * @param password the password
     * @return the future of the tokens now stored
     */
    public CompletableFuture<Tokens> loginAsync(String email, String password) {
        return async.supply(() -> login(email, password));
    }

    /**
     * Gets a new access token now ({@code POST /auth/token/refresh/}) with the stored refresh token and stores
     * it. The client does this by itself when needed; call it only to force a refresh.
     *
     * @return the tokens now stored
     * @throws AuthenticationException if not logged in or the refresh token is invalid, expired or revoked
     */
    public Tokens refresh() {
        return api.refreshTokens();
    }

    /**
     * Like {@link #refresh()}, without blocking.
     *
     * @return the future of the tokens now stored
     */
    public CompletableFuture<Tokens> refreshAsync() {
        return async.supply(this::refresh);
    }

    /**
     * Reads the logged-in user's profile ({@code GET /auth/profile/}).
     *
     * @return the profile
     * @throws AuthenticationException if not logged in
     */
    public User profile() {
        User profile = api.get("auth/profile/", Map.of(), USER);
        self.set(profile);
        return profile;
    }

    /**
     * Like {@link #profile()}, without blocking.
     *
     * @return the future of the profile
     */
    public CompletableFuture<User> profileAsync() {
        return async.supply(this::profile);
    }

    /**
     * Returns the logged-in user, asking the server ({@link #profile()}) only the first time after each login: the
     * answer is kept while the stored tokens are that user's, and replaced by every {@link #profile()} and
     * {@link #updateProfile} answer. For a bot, {@code self().id()} tells its own messages from others'.
     *
     * @return the logged-in user
     * @throws AuthenticationException if not logged in
     */
    public User self() {
        Tokens tokens = api.tokenStore().load().orElseThrow(() -> new AuthenticationException(
                "Not logged in: log in first.", "not_logged_in", null));
        User known = self.get();
        Long owner = Jwt.userId(tokens.access()).orElse(null);
        if (known != null && owner != null && known.id() == owner) {
            return known;
        }
        return profile();
    }

    /**
     * Like {@link #self()}, without blocking: completed at once when the user is known.
     *
     * @return the future of the logged-in user
     */
    public CompletableFuture<User> selfAsync() {
        return async.supply(this::self);
    }

    /**
     * Changes the logged-in user's name and/or email ({@code PATCH /auth/profile/}); what the change does not set
     * stays as it is.
     *
     * @param changes the new name, email or both, e.g. {@code ProfileChanges.builder().name("Ada").build()}
     * @return the updated profile
     * @throws ValidationException if a value is invalid or the email is taken
     */
    public User updateProfile(ProfileChanges changes) {
        User updated = api.patch("auth/profile/", Objects.requireNonNull(changes, "changes == null").body(), USER);
        self.set(updated);
        return updated;
    }

    /**
     * Like {@link #updateProfile(ProfileChanges)}, without blocking.
     *
     * @param changes the new name, email or both
     * @return the future of the updated profile
     */
    public CompletableFuture<User> updateProfileAsync(ProfileChanges changes) {
        Objects.requireNonNull(changes, "changes == null");
        return async.supply(() -> updateProfile(changes));
    }

    /**
     * Changes the logged-in user's name and/or email ({@code PATCH /auth/profile/}); a {@code null} argument
     * leaves that field unchanged.
     *
     * @param name  the new display name, or {@code null}
     * @param email the new email address, or {@code null}
     * @return the updated profile
     * @throws IllegalArgumentException if both are {@code null}
     * @throws ValidationException      if a value is invalid or the email is taken
     * @deprecated use {@link #updateProfile(ProfileChanges)}, which names what it changes
     */
    @Deprecated
    public User updateProfile(String name, String email) {
        if (name == null && email == null) {
            throw new IllegalArgumentException("nothing to update: name and email are both null");
        }
        ProfileChanges.Builder changes = ProfileChanges.builder();
        if (name != null) {
            changes.name(name);
        }
        if (email != null) {
            changes.email(email);
        }
        return updateProfile(changes.build());
    }

    /**
     * Deletes the logged-in user's account ({@code DELETE /auth/profile/}) and clears the token store. Live
     * connections of this user are closed by the server with {@link CloseCodes#ACCOUNT_DELETED}.
     *
     * @throws AuthenticationException if not logged in
     */
    public void deleteAccount() {
        api.delete("auth/profile/");
        api.tokenStore().clear();
        self.set(null);
    }

    /**
     * Like {@link #deleteAccount()}, without blocking.
     *
     * @return the future that completes when the account is deleted
     */
    public CompletableFuture<Void> deleteAccountAsync() {
        return async.run(this::deleteAccount);
    }

    /**
     * Logs out ({@code POST /auth/logout/}): sends the refresh token so the server revokes it, then clears the
     * token store. When the server answered, the store is cleared even if the answer is an error (the exception is
     * still thrown): the tokens are no use any more. When it could not be reached ({@link TransportException}),
     * the session is still valid on the server and the tokens stay in the store, so the logout can be tried again;
     * call {@code tokenStore().clear()} to drop them anyway. Does nothing when not logged in.
     *
     * @throws TransportException if the server could not be reached; nothing was revoked and the tokens are kept
     */
    public void logout() {
        var tokens = api.tokenStore().load();
        if (tokens.isEmpty()) {
            return;
        }
        boolean answered = false;
        try {
            api.post("auth/logout/", Map.of("refresh", tokens.get().refresh()), true, null);
            answered = true;
        } catch (ApiException refused) {
            answered = true;
            throw refused;
        } finally {
            if (answered) {
                api.tokenStore().clear();
                self.set(null);
            }
        }
    }

    /**
     * Like {@link #logout()}, without blocking.
     *
     * @return the future that completes when the server revoked the refresh token
     */
    public CompletableFuture<Void> logoutAsync() {
        return async.run(this::logout);
    }
}
