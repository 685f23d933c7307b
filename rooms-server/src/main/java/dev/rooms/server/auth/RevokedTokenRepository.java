package dev.rooms.server.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class RevokedTokenRepository {

    private final JdbcClient jdbc;

    RevokedTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a revocation (idempotent) and drops revocations of tokens that have expired by now. In a
     * transaction, as every write, so that the embedded database has it in its file before logout answers.
     */
    @Transactional
    void revoke(String jti, Instant expiresAt, Instant now) {
        jdbc.sql("DELETE FROM revoked_token WHERE expires_at < ?").param(utc(now)).update();
        // Logging out twice with the same token is fine. (Two logouts racing with it may still meet the primary
        // key: TokenService takes that as done.)
        jdbc.sql("INSERT INTO revoked_token (jti, expires_at) SELECT ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM revoked_token WHERE jti = ?)")
                .params(jti, utc(expiresAt), jti).update();
    }

    boolean isRevoked(String jti) {
        return jdbc.sql("SELECT COUNT(*) FROM revoked_token WHERE jti = ?").param(jti).query(Long.class).single() > 0;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
