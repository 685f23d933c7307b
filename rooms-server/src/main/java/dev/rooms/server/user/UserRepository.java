package dev.rooms.server.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a user; a taken email surfaces as Spring's {@code DuplicateKeyException}. */
    User insert(String email, String name, String passwordHash, Instant dateJoined) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO users (email, email_key, name, password_hash, date_joined) VALUES (?, ?, ?, ?, ?)")
                .params(email, emailKey(email), name, passwordHash, OffsetDateTime.ofInstant(dateJoined, ZoneOffset.UTC))
                .update(keys, "id");
        long id = Objects.requireNonNull(keys.getKey(), "generated id").longValue();
        return new User(id, email, name, passwordHash, dateJoined);
    }

    Optional<User> findById(long id) {
        return jdbc.sql("SELECT id, email, name, password_hash, date_joined FROM users WHERE id = ?")
                .param(id)
                .query(UserRepository::map)
                .optional();
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("SELECT id, email, name, password_hash, date_joined FROM users WHERE email_key = ?")
                .param(emailKey(email))
                .query(UserRepository::map)
                .optional();
    }

    boolean existsById(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE id = ?").param(id).query(Long.class).single() > 0;
    }

    boolean emailTakenByOther(String email, long exceptUserId) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE email_key = ? AND id <> ?")
                .params(emailKey(email), exceptUserId)
                .query(Long.class)
                .single() > 0;
    }

    void update(long id, String email, String name) {
        jdbc.sql("UPDATE users SET email = ?, email_key = ?, name = ? WHERE id = ?")
                .params(email, emailKey(email), name, id)
                .update();
    }

    /** Deletes the user and every message they wrote; their rooms must be gone already. */
    void delete(long id) {
        jdbc.sql("DELETE FROM message WHERE user_id = ?").param(id).update();
        jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update();
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getLong("id"),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("password_hash"),
                rs.getObject("date_joined", OffsetDateTime.class).toInstant());
    }
}
