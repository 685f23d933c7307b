package dev.rooms.server.api;

import java.nio.charset.StandardCharsets;

import javax.crypto.SecretKey;

import io.jsonwebtoken.security.Keys;

/** The signing secret the test servers run with, so tests can forge tokens the server must reject. */
final class TestSecrets {

    static final String JWT_SECRET = "test-only-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    private TestSecrets() {
    }

    static SecretKey serverKey() {
        return Keys.hmacShaKeyFor(JWT_SECRET.getBytes(StandardCharsets.UTF_8));
    }
}
