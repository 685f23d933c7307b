package dev.rooms.server.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RevokedTokenRepository {

    private final JdbcClient jdbc;

    RevokedTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a revocation (idempotent) and drops revocations of tokens that have expired by now. */
    void revoke(String jti, Instant expiresAt, Instant now) {
        jdbc.sql("DELETE FROM revoked_token WHERE expires_at < ?").param(utc(now)).update();
        try {
            jdbc.sql("INSERT INTO revoked_token (jti, expires_at) VALUES (?, ?)").params(jti, utc(expiresAt)).update();
        } catch (DuplicateKeyException alreadyRevoked) {
            // Logging out twice with the same token is fine.
        }
    }

    boolean isRevoked(String jti) {
        return jdbc.sql("SELECT COUNT(*) FROM revoked_token WHERE jti = ?").param(jti).query(Long.class).single() > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
