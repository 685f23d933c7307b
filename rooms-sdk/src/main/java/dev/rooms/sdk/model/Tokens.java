package dev.rooms.sdk.model;

import java.util.Objects;

/**
 * A pair of JWTs: the short-lived access token sent with each request and the refresh token used to get a new
 * access token.
 *
 * <p>{@link #toString()} does not reveal the tokens, so a {@code Tokens} can be logged safely.
 *
 * <p>Immutable and thread-safe.
 *
 * @param access  the access token ({@code Authorization: Bearer ...})
 * @param refresh the refresh token
 */
public record Tokens(String access, String refresh) {

    /**
     * Checks that both tokens are present.
     *
     * @param access the access token ({@code Authorization: Bearer ...})
     * @param refresh the refresh token
     */
    public Tokens {
        Objects.requireNonNull(access, "access == null");
        Objects.requireNonNull(refresh, "refresh == null");
    }

    /**
     * Returns a description that hides the token values.
     *
     * @return {@code Tokens[access=<redacted>, refresh=<redacted>]}
     */
    @Override
    public String toString() {
        return "Tokens[access=<redacted>, refresh=<redacted>]";
    }
}
