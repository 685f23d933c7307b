package dev.rooms.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads a JWT's {@code exp} and {@code user_id} claims without verifying the signature: the client only needs to
 * know when to refresh and whose tokens it holds; the server checks the signature.
 */
public final class Jwt {

    private Jwt() {
    }

    /**
     * Reads the expiry of a token.
     *
     * @param token the JWT
     * @return its {@code exp}, or empty when it is no JWT or has no numeric {@code exp}
     */
    static Optional<Instant> expiry(String token) {
        return numericClaim(token, "exp").map(Instant::ofEpochSecond);
    }

    /**
     * Reads the user a token was issued to.
     *
     * @param token the JWT
     * @return its {@code user_id}, or empty when it is no JWT or has no numeric {@code user_id}
     */
    public static Optional<Long> userId(String token) {
        return numericClaim(token, "user_id");
    }

    private static Optional<Long> numericClaim(String token, String name) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode value = claims.get(name);
            return value != null && value.isNumber() ? Optional.of(value.asLong()) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
