package dev.rooms.server.room;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.rooms.server.system.LikePattern;
import dev.rooms.server.user.UserSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class RoomRepository {

    private static final String SELECT = """
            SELECT r.id, r.name, r.description, r.room_type, r.created_at, r.is_active,
                   u.id AS creator_id, u.email AS creator_email, u.name AS creator_name
            FROM room r JOIN users u ON u.id = r.creator_id
            """;

    private final JdbcClient jdbc;

    RoomRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String name, String description, String roomType, long creatorId, Instant createdAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO room (name, description, creator_id, room_type, created_at, is_active)
                        VALUES (?, ?, ?, ?, ?, TRUE)
                        """)
                .params(name, description, creatorId, roomType, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update(keys, "id");
        return Objects.requireNonNull(keys.getKey(), "generated id").longValue();
    }

    /** Active rooms matching the query, oldest first; at most {@code max} when it is not {@code null}. */
    List<RoomResponse> findActive(RoomQuery query, Integer max) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE r.is_active = TRUE");
        List<Object> params = new ArrayList<>();
        if (query.roomType() != null) {
            sql.append(" AND r.room_type = ?");
            params.add(query.roomType());
        }
        if (query.search() != null) {
            sql.append(" AND (r.name ILIKE ? ESCAPE '\\' OR r.description ILIKE ? ESCAPE '\\')");
            String pattern = LikePattern.containing(query.search());
            params.add(pattern);
            params.add(pattern);
        }
        if (query.creatorId() != null) {
            sql.append(" AND r.creator_id = ?");
            params.add(query.creatorId());
        }
        if (query.afterId() != null) {
            sql.append(" AND r.id > ?");
            params.add(query.afterId());
        }
        sql.append(" ORDER BY r.id");
        if (max != null) {
            sql.append(" LIMIT ?");
            params.add(max);
        }
        return jdbc.sql(sql.toString()).params(params).query(RoomRepository::map).list();
    }

    Optional<RoomResponse> findActive(long id) {
        return jdbc.sql(SELECT + " WHERE r.id = ? AND r.is_active = TRUE")
                .param(id)
                .query(RoomRepository::map)
                .optional();
    }

    boolean isActive(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM room WHERE id = ? AND is_active = TRUE")
                .param(id)
                .query(Long.class)
                .single() > 0;
    }

    void update(long id, String name, String description, String roomType) {
        jdbc.sql("UPDATE room SET name = ?, description = ?, room_type = ? WHERE id = ?")
                .params(name, description, roomType, id)
                .update();
    }

    /** Soft delete; returns whether an active room was deactivated. */
    boolean deactivate(long id) {
        return jdbc.sql("UPDATE room SET is_active = FALSE WHERE id = ? AND is_active = TRUE").param(id).update() > 0;
    }

    List<Long> findActiveIdsByCreator(long creatorId) {
        return jdbc.sql("SELECT id FROM room WHERE creator_id = ? AND is_active = TRUE ORDER BY id")
                .param(creatorId)
                .query(Long.class)
                .list();
    }

    /** Hard-deletes every room of a creator together with all messages in them. */
    void deleteAllByCreator(long creatorId) {
        jdbc.sql("DELETE FROM message WHERE room_id IN (SELECT id FROM room WHERE creator_id = ?)")
                .param(creatorId)
                .update();
        jdbc.sql("DELETE FROM room WHERE creator_id = ?").param(creatorId).update();
    }

    private static RoomResponse map(ResultSet rs, int row) throws SQLException {
        return new RoomResponse(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("description"),
                new UserSummary(rs.getLong("creator_id"), rs.getString("creator_email"), rs.getString("creator_name")),
                rs.getString("room_type"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getBoolean("is_active"));
    }
}
