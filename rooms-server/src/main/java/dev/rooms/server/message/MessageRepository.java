package dev.rooms.server.message;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

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

    /** First half of the advisory lock key, so these locks cannot collide with anyone else's. */
    private static final int LOCK_NAMESPACE = 0x526f6f6d;

    private final JdbcClient jdbc;
    private final boolean advisoryLocks;

    MessageRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.advisoryLocks = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect the database", e);
        }
    }

    /**
     * Holds the room's lock for posting until the transaction ends: a PostgreSQL advisory lock, so that
     * processes sharing the database commit a room's messages one after the other. Elsewhere (the embedded
     * H2, which one process owns) there is nothing to lock.
     */
    void lockRoom(long roomId) {
        if (advisoryLocks) {
            jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)").params(LOCK_NAMESPACE, (int) roomId).query().listOfRows();
        }
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

    /** The first {@code limit} messages of a room with an id above {@code afterId}, oldest first. */
    List<MessageResponse> findFirstAfter(long roomId, long afterId, int limit) {
        return jdbc.sql(SELECT + " WHERE m.room_id = ? AND m.id > ? ORDER BY m.id LIMIT ?")
                .params(roomId, afterId, limit)
                .query(MessageRepository::map)
                .list();
    }

    /** The newest {@code limit} messages of a room, oldest first. */
    List<MessageResponse> findNewest(long roomId, int limit) {
        List<MessageResponse> messages = new ArrayList<>(
                jdbc.sql(SELECT + " WHERE m.room_id = ? ORDER BY m.id DESC LIMIT ?")
                        .params(roomId, limit)
                        .query(MessageRepository::map)
                        .list());
        Collections.reverse(messages);
        return messages;
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
