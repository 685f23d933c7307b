package dev.rooms.server.message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.rooms.server.system.LikePattern;
import dev.rooms.server.user.UserSummary;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class MessageRepository {

    private static final String SELECT = """
            SELECT m.id, m.room_id, m.content, m.created_at, m.edited_at, u.id AS user_id, u.email, u.name
            FROM message m JOIN users u ON u.id = m.user_id
            """;

    private static final String SELECT_WITH_NONCE = """
            SELECT m.id, m.room_id, m.content, m.created_at, m.edited_at, m.nonce, u.id AS user_id, u.email, u.name
            FROM message m JOIN users u ON u.id = m.user_id
            """;

    private static final String SELECT_WITH_ROOM = """
            SELECT m.id, m.content, m.created_at, m.edited_at, u.id AS user_id, u.email, u.name, r.id AS room_id, r.name AS room_name
            FROM message m JOIN users u ON u.id = m.user_id JOIN room r ON r.id = m.room_id AND r.is_active = TRUE
            """;

    /** Rows the database sends per round trip while a whole history streams (PostgreSQL reads all at once without). */
    private static final int STREAM_FETCH_SIZE = 500;

    /** First half of the advisory lock key, so these locks cannot collide with anyone else's. */
    private static final int LOCK_NAMESPACE = 0x526f6f6d;

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final JdbcClient streaming;
    private final boolean shared;

    MessageRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batches = new JdbcTemplate(dataSource);
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(STREAM_FETCH_SIZE);
        this.streaming = JdbcClient.create(cursor);
        this.shared = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect the database", e);
        }
    }

    /**
     * Whether other server processes may write to this database: PostgreSQL, which several processes can
     * share; the embedded H2 file is owned by one process.
     */
    boolean shared() {
        return shared;
    }

    /**
     * Takes the room's lock for posting, held until the transaction ends, and returns the id of the room's newest
     * message as it is once the lock is held. Only where other server processes share the database
     * ({@link #shared()}, PostgreSQL): an advisory lock, so that processes commit a room's messages one after the
     * other, taken and followed by the read in one round trip (the {@code lock_room_for_posting} function).
     */
    long lockRoomForPosting(long roomId) {
        return jdbc.sql("SELECT lock_room_for_posting(?, ?, ?)").params(LOCK_NAMESPACE, (int) roomId, roomId)
                .query(Long.class).single();
    }

    /**
     * Inserts a room's messages in order with one JDBC batch (one round trip) and returns their ids in the
     * same order, as the database generated them.
     */
    long[] insertAll(long roomId, List<NewMessage> batch, List<Instant> createdAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        batches.batchUpdate(
                connection -> connection.prepareStatement(
                        "INSERT INTO message (room_id, user_id, content, created_at, nonce) VALUES (?, ?, ?, ?, ?)", new String[] {"id"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement statement, int i) throws SQLException {
                        NewMessage message = batch.get(i);
                        statement.setLong(1, roomId);
                        statement.setLong(2, message.userId());
                        statement.setString(3, message.content());
                        statement.setObject(4, OffsetDateTime.ofInstant(createdAt.get(i), ZoneOffset.UTC));
                        statement.setString(5, message.nonce());
                    }

                    @Override
                    public int getBatchSize() {
                        return batch.size();
                    }
                },
                keys);
        List<Map<String, Object>> generated = keys.getKeyList();
        if (generated.size() != batch.size()) {
            throw new IllegalStateException("The database returned " + generated.size() + " ids for " + batch.size() + " messages");
        }
        long[] ids = new long[batch.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((Number) Objects.requireNonNull(generated.get(i).values().iterator().next(), "generated id")).longValue();
        }
        return ids;
    }

    /**
     * Puts journaled messages back (embedded database only, at start): each row whose id is not in the table
     * and whose room and author still exist, then the id sequence above the highest of them.
     *
     * @return how many rows were inserted
     */
    int insertMissing(List<JournaledMessages.Row> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int[][] counts = batches.batchUpdate("""
                INSERT INTO message (id, room_id, user_id, content, created_at)
                SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM message WHERE id = ?)
                AND EXISTS (SELECT 1 FROM room WHERE id = ?) AND EXISTS (SELECT 1 FROM users WHERE id = ?)
                """, rows, rows.size(), (statement, row) -> {
                    statement.setLong(1, row.id());
                    statement.setLong(2, row.roomId());
                    statement.setLong(3, row.userId());
                    statement.setString(4, row.content());
                    statement.setObject(5, OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
                    statement.setLong(6, row.id());
                    statement.setLong(7, row.roomId());
                    statement.setLong(8, row.userId());
                });
        long highest = rows.stream().mapToLong(JournaledMessages.Row::id).max().orElseThrow();
        // H2 writes its id sequence's position with the database, later than the journal: ids handed out (and
        // broadcast) before a crash must not be handed out again.
        long next = jdbc.sql("SELECT IDENTITY_BASE FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = 'MESSAGE' AND COLUMN_NAME = 'ID'").query(Long.class).single();
        if (highest >= next) {
            batches.execute("ALTER TABLE message ALTER COLUMN id RESTART WITH " + (highest + 1));
        }
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).map(count -> Math.max(count, 0)).sum();
    }

    /** Writes the embedded database's file now (after a journal replay). */
    void checkpoint() {
        batches.execute("CHECKPOINT");
    }

    /** The users with these ids as messages show them, by id; a missing id has no entry. */
    Map<Long, UserSummary> findAuthors(Collection<Long> userIds) {
        Map<Long, UserSummary> found = new HashMap<>();
        String marks = String.join(", ", userIds.stream().map(id -> "?").toList());
        jdbc.sql("SELECT id, email, name FROM users WHERE id IN (" + marks + ")")
                .params(List.copyOf(userIds))
                .query((rs, row) -> new UserSummary(rs.getLong("id"), rs.getString("email"), rs.getString("name")))
                .list()
                .forEach(user -> found.put(user.id(), user));
        return found;
    }

    MessageResponse findById(long id) {
        return jdbc.sql(SELECT + " WHERE m.id = ?").param(id).query(MessageRepository::map).single();
    }

    /**
     * Hands every matching message with an id above {@code afterId} to {@code action}, oldest first (ids grow
     * with creation time), reading them from a cursor so that a long history is never held in memory.
     * Runs inside the caller's transaction, which PostgreSQL needs to read with a cursor.
     */
    void forEach(MessageFilter filter, Long afterId, Consumer<MessageResponse> action) {
        Query query = new Query(filter, afterId, null);
        try (Stream<MessageResponse> messages = streaming.sql(SELECT + query.where + " ORDER BY m.id")
                .params(query.params).query(MessageRepository::map).stream()) {
            messages.forEach(action);
        }
    }

    /** At most {@code max} matching messages with {@code afterId < id < beforeId}, oldest or newest first. */
    List<MessageResponse> find(MessageFilter filter, Long afterId, Long beforeId, boolean newestFirst, int max) {
        Query query = new Query(filter, afterId, beforeId);
        query.params.add(max);
        return jdbc.sql(SELECT + query.where + (newestFirst ? " ORDER BY m.id DESC" : " ORDER BY m.id") + " LIMIT ?")
                .params(query.params)
                .query(MessageRepository::map)
                .list();
    }

    /** Whether any matching message has an id above {@code afterId}. */
    boolean existsAfter(MessageFilter filter, long afterId) {
        return exists(new Query(filter, afterId, null), " ORDER BY m.id");
    }

    /** Whether any matching message has an id below {@code beforeId}. */
    boolean existsBefore(MessageFilter filter, long beforeId) {
        return exists(new Query(filter, null, beforeId), " ORDER BY m.id DESC");
    }

    /** The order lets PostgreSQL walk an id index from the cursor on; without one it may read the whole table. */
    private boolean exists(Query query, String order) {
        return !jdbc.sql("SELECT m.id FROM message m" + query.where + order + " LIMIT 1")
                .params(query.params).query(Long.class).list().isEmpty();
    }

    /** At most {@code max} matching messages of active rooms with an id below {@code beforeId}, newest first. */
    List<FoundMessage> search(MessageFilter filter, Long beforeId, int max) {
        Query query = new Query(filter, null, beforeId);
        query.params.add(max);
        return jdbc.sql(SELECT_WITH_ROOM + query.where + " ORDER BY m.id DESC LIMIT ?")
                .params(query.params)
                .query((rs, row) -> {
                    MessageResponse message = map(rs, row);
                    return new FoundMessage(message.id(), message.user(), message.content(), message.createdAt(),
                            new RoomSummary(rs.getLong("room_id"), rs.getString("room_name")));
                })
                .list();
    }

    /**
     * Records that the user's key posted the message. Throws {@link org.springframework.dao.DuplicateKeyException}
     * when the key is taken, also by a transaction that commits meanwhile: the primary key decides, not a read.
     */
    void insertIdempotencyKey(long userId, String key, long messageId, Instant createdAt) {
        jdbc.sql("INSERT INTO idempotency_key (user_id, idempotency_key, message_id, created_at) VALUES (?, ?, ?, ?)")
                .params(userId, key, messageId, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
    }

    /** Forgets the user's expired keys (used before {@code expiredBefore}), so a key can be used again after a day. */
    void deleteExpiredIdempotencyKeys(long userId, Instant expiredBefore) {
        jdbc.sql("DELETE FROM idempotency_key WHERE user_id = ? AND created_at < ?")
                .params(userId, OffsetDateTime.ofInstant(expiredBefore, ZoneOffset.UTC))
                .update();
    }

    /** The message the user's key posted since {@code usedSince}, with its room, if any. */
    Optional<KeyedMessage> findByIdempotencyKey(long userId, String key, Instant usedSince) {
        return jdbc.sql(SELECT + " JOIN idempotency_key k ON k.message_id = m.id"
                        + " WHERE k.user_id = ? AND k.idempotency_key = ? AND k.created_at >= ?")
                .params(userId, key, OffsetDateTime.ofInstant(usedSince, ZoneOffset.UTC))
                .query((rs, row) -> new KeyedMessage(rs.getLong("room_id"), map(rs, row)))
                .optional();
    }

    /** Who wrote a message of an active room, and who created the room; empty when either is gone. */
    Optional<Authorship> findAuthorship(long roomId, long messageId) {
        return jdbc.sql("SELECT m.user_id, r.creator_id FROM message m JOIN room r ON r.id = m.room_id"
                        + " WHERE m.id = ? AND m.room_id = ? AND r.is_active = TRUE")
                .params(messageId, roomId)
                .query((rs, row) -> new Authorship(rs.getLong("user_id"), rs.getLong("creator_id")))
                .optional();
    }

    void updateContent(long messageId, String content, Instant editedAt) {
        jdbc.sql("UPDATE message SET content = ?, edited_at = ? WHERE id = ?")
                .params(content, OffsetDateTime.ofInstant(editedAt, ZoneOffset.UTC), messageId)
                .update();
    }

    void delete(long messageId) {
        jdbc.sql("DELETE FROM message WHERE id = ?").param(messageId).update();
    }

    /** A message found by its idempotency key, and its room. */
    record KeyedMessage(long roomId, MessageResponse message) {
    }

    /** A message's author and its room's creator. */
    record Authorship(long authorId, long roomCreatorId) {
    }

    long findLastId(long roomId) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM message WHERE room_id = ?").param(roomId)
                .query(Long.class).single();
    }

    /** With their nonces: the only read that selects them (every REST answer is built from {@link #SELECT}). */
    List<StoredMessage> findByRoomBetween(long roomId, long afterId, long beforeId) {
        return jdbc.sql(SELECT_WITH_NONCE + " WHERE m.room_id = ? AND m.id > ? AND m.id < ? ORDER BY m.id")
                .params(roomId, afterId, beforeId)
                .query((rs, row) -> new StoredMessage(map(rs, row), rs.getString("nonce")))
                .list();
    }

    /** The {@code WHERE} clause of a filter and an id window, and its parameters in order. */
    private static final class Query {

        final String where;
        final List<Object> params = new ArrayList<>();

        Query(MessageFilter filter, Long afterId, Long beforeId) {
            StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
            if (filter.roomId() != null) {
                where.add("m.room_id = ?");
                params.add(filter.roomId());
            }
            if (filter.userId() != null) {
                where.add("m.user_id = ?");
                params.add(filter.userId());
            }
            if (filter.since() != null) {
                where.add("m.created_at >= ?");
                params.add(OffsetDateTime.ofInstant(filter.since(), ZoneOffset.UTC));
            }
            if (filter.until() != null) {
                where.add("m.created_at < ?");
                params.add(OffsetDateTime.ofInstant(filter.until(), ZoneOffset.UTC));
            }
            if (filter.search() != null) {
                where.add("m.content ILIKE ? ESCAPE '\\'");
                params.add(LikePattern.containing(filter.search()));
            }
            if (afterId != null) {
                where.add("m.id > ?");
                params.add(afterId);
            }
            if (beforeId != null) {
                where.add("m.id < ?");
                params.add(beforeId);
            }
            this.where = where.toString();
        }
    }

    private static MessageResponse map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime editedAt = rs.getObject("edited_at", OffsetDateTime.class);
        return new MessageResponse(
                rs.getLong("id"),
                new UserSummary(rs.getLong("user_id"), rs.getString("email"), rs.getString("name")),
                rs.getString("content"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                editedAt == null ? null : editedAt.toInstant());
    }
}
