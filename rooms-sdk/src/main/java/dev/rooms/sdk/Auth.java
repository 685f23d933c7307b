package dev.rooms.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rooms.sdk.internal.HttpApi;
import dev.rooms.sdk.model.Tokens;
import dev.rooms.sdk.model.User;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The account calls of a {@link RoomsClient}: register, log in and out, refresh tokens, read, change and delete
 * the profile. Get it from {@link RoomsClient#auth()}.
 *
 * <p>Every method blocks until the server answered and throws {@link ApiException} (or a subclass) for an error
 * answer and {@link TransportException} when the server could not be reached. Thread-safe.
 */
public final class Auth {

    private static final TypeReference<User> USER = new TypeReference<>() { };
    private static final TypeReference<Tokens> TOKENS = new TypeReference<>() { };

    private final HttpApi api;

    /** Made by {@link RoomsClient} only. */
    Auth(HttpApi api) {
        this.api = api;
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
     * Reads the logged-in user's profile ({@code GET /auth/profile/}).
     *
     * @return the profile
     * @throws AuthenticationException if not logged in
     */
    public User profile() {
        return api.get("auth/profile/", Map.of(), USER);
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
     */
    public User updateProfile(String name, String email) {
        if (name == null && email == null) {
            throw new IllegalArgumentException("nothing to update: name and email are both null");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        if (email != null) {
            body.put("email", email);
        }
        return api.patch("auth/profile/", body, USER);
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
    }

    /**
     * Logs out ({@code POST /auth/logout/}): sends the refresh token so the server revokes it, then clears the
     * token store. The store is cleared even when the call fails (the exception is still thrown), so the local
     * credentials are gone either way; does nothing when not logged in.
     */
    public void logout() {
        var tokens = api.tokenStore().load();
        if (tokens.isEmpty()) {
            return;
        }
        try {
            api.post("auth/logout/", Map.of("refresh", tokens.get().refresh()), true, null);
        } finally {
            api.tokenStore().clear();
        }
    }
}
