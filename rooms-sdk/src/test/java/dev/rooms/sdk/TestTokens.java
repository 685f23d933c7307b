package dev.rooms.sdk;

import dev.rooms.sdk.model.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** Unsigned JWT look-alikes with a chosen {@code exp}; the SDK reads the claim without verifying. */
final class TestTokens {

    private static final AtomicInteger SERIAL = new AtomicInteger();

    private TestTokens() {
    }

    static String jwt(String type, Instant expiresAt) {
        return jwt(type, expiresAt, 1);
    }

    static String jwt(String type, Instant expiresAt, long userId) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"token_type\":\"" + type + "\",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":\"" + SERIAL.incrementAndGet() + "\",\"user_id\":" + userId + "}";
        return header + "." + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    static String access(Duration validFor) {
        return jwt("access", Instant.now().plus(validFor));
    }

    static Tokens longLived() {
        return longLived(1);
    }

    static Tokens longLived(long userId) {
        return new Tokens(jwt("access", Instant.now().plus(Duration.ofHours(24)), userId),
                jwt("refresh", Instant.now().plus(Duration.ofDays(7)), userId));
    }
}
