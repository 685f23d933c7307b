package dev.rooms.server.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The one row of {@code signing_key}: the fingerprints of the secret the nodes of this database use. */
@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Recorded> find() {
        return jdbc.sql("SELECT fingerprint, previous_fingerprint FROM signing_key WHERE id = 1")
                .query((row, n) -> new Recorded(row.getString(1), row.getString(2)))
                .optional();
    }

    /** Records the first node's fingerprint; a node that started at the same moment may win the key instead. */
    @Transactional
    void insert(String fingerprint, Instant now) {
        jdbc.sql("INSERT INTO signing_key (id, fingerprint, changed_at) VALUES (1, ?, ?)")
                .params(fingerprint, utc(now)).update();
    }

    /** Replaces {@code expected} by a rotation's new fingerprint; false when another node changed it first. */
    @Transactional
    boolean rotate(String expected, String fingerprint, Instant now) {
        return jdbc.sql("UPDATE signing_key SET fingerprint = ?, previous_fingerprint = ?, changed_at = ? "
                        + "WHERE id = 1 AND fingerprint = ?")
                .params(fingerprint, expected, utc(now), expected).update() == 1;
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    record Recorded(String fingerprint, String previousFingerprint) {
    }
}
