package dev.rooms.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Reads a JWT's {@code exp} claim without verifying the signature: the client only needs to know when to refresh. */
final class Jwt {

    private Jwt() {
    }

    /**
     * Reads the expiry of a token.
     *
     * @param token the JWT
     * @return its {@code exp}, or empty when it is no JWT or has no numeric {@code exp}
     */
    static Optional<Instant> expiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode claims = Json.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode exp = claims.get("exp");
            return exp != null && exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }
}
