package dev.rooms.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

/**
 * Forges tokens as the server signs them (simplejwt's claims, HS256), for tests that need one the server would
 * not hand out: expired, of the wrong type, signed with another key, or for a deleted account.
 */
public final class TestTokens {

    /** The signing secret every test server runs with ({@code rooms.jwt-secret}). */
    public static final String SECRET = "test-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    private TestTokens() {
    }

    /** The HS256 key of a secret. */
    public static SecretKey key(String secret) {
        return Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A token signed with {@link #SECRET}, issued five minutes before it expires. */
    public static String token(String type, long userId, Instant expiresAt) {
        return token(key(SECRET), type, userId, expiresAt.minus(Duration.ofMinutes(5)), expiresAt);
    }

    /** A token of {@code type} ({@code access}, {@code refresh}) with every claim chosen. */
    public static String token(SecretKey key, String type, long userId, Instant issuedAt, Instant expiresAt) {
        return Jwts.builder()
                .header().type("JWT").and()
                .claim("token_type", type)
                .claim("user_id", userId)
                .id(UUID.randomUUID().toString().replace("-", ""))
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }
}
