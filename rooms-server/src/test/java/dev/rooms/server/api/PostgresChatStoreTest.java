package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.rooms.server.message.NewMessage;
import dev.rooms.server.message.PostedMessage;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PostgresServer
class PostgresChatStoreTest extends ChatStoreTests {

    /** {@code MessageRepository}'s namespace of the rooms' advisory locks ("Room"). */
    private static final int LOCK_NAMESPACE = 0x526f6f6d;

    @Autowired
    DataSource dataSource;

    @Override
    boolean sharedDatabase() {
        return true;
    }

    /**
     * Another node holds the room's lock and commits a message while this node's batch waits for the lock: the
     * batch's previous id is that message, read after the lock was granted, not before it was asked for.
     */
    @Test
    void storeWhileAnotherNodeHoldsTheRoomThenTheBatchFollowsWhatThatNodeCommitted() throws Exception {
        TestUser alice = newUser();
        long room = createRoom(alice, "Lock order").get("id").asLong();
        long before = store.store(room, List.of(new NewMessage(alice.id(), "before"))).get(0).posted().message().id();

        CompletableFuture<PostedMessage> waiting;
        long committedMeanwhile;
        try (Connection otherNode = dataSource.getConnection()) {
            otherNode.setAutoCommit(false);
            try (PreparedStatement lock = otherNode.prepareStatement("SELECT lock_room_for_posting(?, ?, ?)")) {
                lock.setInt(1, LOCK_NAMESPACE);
                lock.setInt(2, (int) room);
                lock.setLong(3, room);
                try (ResultSet last = lock.executeQuery()) {
                    assertThat(last.next()).isTrue();
                    assertThat(last.getLong(1)).isEqualTo(before);
                }
            }
            try (PreparedStatement insert = otherNode.prepareStatement(
                    "INSERT INTO message (room_id, user_id, content, created_at) VALUES (?, ?, 'meanwhile', now())",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setLong(1, room);
                insert.setLong(2, alice.id());
                insert.executeUpdate();
                try (ResultSet id = insert.getGeneratedKeys()) {
                    assertThat(id.next()).isTrue();
                    committedMeanwhile = id.getLong(1);
                }
            }

            waiting = CompletableFuture.supplyAsync(
                    () -> store.store(room, List.of(new NewMessage(alice.id(), "after"))).get(0).posted());
            await().atMost(Duration.ofSeconds(30)).until(() -> waitersForTheLockOf(room) > 0);
            assertThat(waiting).isNotDone();
            otherNode.commit();
        }

        PostedMessage after = waiting.get(30, TimeUnit.SECONDS);
        assertThat(after.previousId()).isEqualTo(committedMeanwhile);
        assertThat(after.message().id()).isGreaterThan(committedMeanwhile);
    }

    private int waitersForTheLockOf(long room) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                     AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                     AND classid::bigint = ? AND objid::bigint = ?""")) {
            query.setLong(1, LOCK_NAMESPACE);
            query.setLong(2, room);
            try (ResultSet waiters = query.executeQuery()) {
                waiters.next();
                return waiters.getInt(1);
            }
        }
    }
}
