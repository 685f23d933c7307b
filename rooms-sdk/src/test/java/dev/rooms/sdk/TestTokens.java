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
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = "{\"token_type\":\"" + type + "\",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":\"" + SERIAL.incrementAndGet() + "\",\"user_id\":1}";
        return header + "." + encoder.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    static String access(Duration validFor) {
        return jwt("access", Instant.now().plus(validFor));
    }

    static Tokens longLived() {
        return new Tokens(access(Duration.ofHours(24)), jwt("refresh", Instant.now().plus(Duration.ofDays(7))));
    }
}
