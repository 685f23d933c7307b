package dev.rooms.server.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The embedded H2 database's transaction manager: a commit returns only once H2 has written it to its file
 * ({@code CHECKPOINT}), so whatever the server confirms afterwards (a broadcast, an HTTP answer) survives a
 * crash of the server process.
 *
 * <p>Group commit: H2 writes the whole store at a checkpoint, a new chunk of every page changed since the last
 * one, so the file grows and is rewritten by the number of checkpoints, not of messages. One thread at a time
 * writes: it waits {@code window} (default none) for the commits of other threads to arrive, then one
 * checkpoint covers every commit made before it started; commits made while it writes wait for the next. A
 * window bounds checkpoints to about one per window however busy the server is, for at most a window's extra
 * wait per commit (measured in README-bench: 2 ms halves the bytes written and adds latency under load).
 *
 * <p>Why not H2's {@code WRITE_DELAY=0}, which writes at every commit by itself: it also stops H2's background
 * thread, and with it the housekeeping that rewrites half-empty chunks, and it writes once per commit. Writes
 * outside a transaction are not covered, so every write of the server runs in one.
 */
final class CheckpointingTransactionManager extends JdbcTransactionManager {

    private static final long serialVersionUID = 1L;

    private final long windowNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    /** Commits made so far, and how many of them the last finished checkpoint covered; guarded by lock. */
    private long committed;
    private long covered;
    private boolean writing;

    CheckpointingTransactionManager(DataSource dataSource, Duration window) {
        super(dataSource);
        this.windowNanos = window.toNanos();
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        super.doCommit(status);
        if (status.isReadOnly()) {
            return;
        }
        // The transaction's connection is still bound to this thread until its completion.
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(obtainDataSource());
        try {
            awaitWritten(holder.getConnection());
        } catch (SQLException e) {
            throw translateException("CHECKPOINT after commit", e);
        }
    }

    private void awaitWritten(Connection connection) throws SQLException {
        lock.lock();
        try {
            long ticket = ++committed;
            while (covered < ticket) {
                if (writing) {
                    written.awaitUninterruptibly();
                } else {
                    checkpoint(connection);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held; writes (without it) every commit made before the write starts. */
    private void checkpoint(Connection connection) throws SQLException {
        writing = true;
        long upTo = committed;
        boolean done = false;
        lock.unlock();
        try {
            if (windowNanos > 0) {
                LockSupport.parkNanos(windowNanos);
                lock.lock();
                upTo = committed;
                lock.unlock();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            done = true;
        } finally {
            lock.lock();
            writing = false;
            if (done) {
                covered = Math.max(covered, upTo);
            }
            written.signalAll();
        }
    }
}
