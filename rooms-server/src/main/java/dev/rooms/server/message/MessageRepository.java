package dev.rooms.server.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import dev.rooms.server.user.UserSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class MessageRepository {

    private static final String SELECT = """
            SELECT m.id, m.content, m.created_at, u.id AS user_id, u.email, u.name
            FROM message m JOIN users u ON u.id = m.user_id
            """;

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long roomId, long userId, String content, Instant createdAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO message (room_id, user_id, content, created_at) VALUES (?, ?, ?, ?)")
                .params(roomId, userId, content, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update(keys, "id");
        return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    }

    MessageResponse findById(long id) {
        return jdbc.sql(SELECT + " WHERE m.id = ?").param(id).query(MessageRepository::map).single();
    }

    /** Messages of a room with an id above {@code afterId}, oldest first (ids grow with creation time). */
    List<MessageResponse> findByRoom(long roomId, long afterId) {
        return jdbc.sql(SELECT + " WHERE m.room_id = ? AND m.id > ? ORDER BY m.id")
                .params(roomId, afterId)
                .query(MessageRepository::map)
                .list();
    }

    long findLastId(long roomId) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM message WHERE room_id = ?").param(roomId)
                .query(Long.class).single();
    }

    List<MessageResponse> findByRoomBetween(long roomId, long afterId, long beforeId) {
        return jdbc.sql(SELECT + " WHERE m.room_id = ? AND m.id > ? AND m.id < ? ORDER BY m.id")
                .params(roomId, afterId, beforeId)
                .query(MessageRepository::map)
                .list();
    }

    private static MessageResponse map(ResultSet rs, int row) throws SQLException {
        return new MessageResponse(
                rs.getLong("id"),
                new UserSummary(rs.getLong("user_id"), rs.getString("email"), rs.getString("name")),
                rs.getString("content"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
