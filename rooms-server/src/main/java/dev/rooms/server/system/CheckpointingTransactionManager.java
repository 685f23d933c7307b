package dev.rooms.server.system;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>A transaction that recorded itself in the {@link CommitJournal} (chat messages only) is made durable by its
 * append there instead, and does not wait for a checkpoint; each checkpoint starts by switching the journal to a
 * new file and retires the old ones once written. When the journal's file has grown large, the commit that
 * noticed runs a checkpoint, so the journal (and a replay at the next start) stays short.
 */
final class CheckpointingTransactionManager extends JdbcTransactionManager {

    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(CheckpointingTransactionManager.class);

    private final long windowNanos;
    private final CommitJournal journal;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    /** Commits made so far, and how many of them the last finished checkpoint covered; guarded by lock. */
    private long committed;
    private long covered;
    private boolean writing;

    CheckpointingTransactionManager(DataSource dataSource, Duration window, CommitJournal journal) {
        super(dataSource);
        this.windowNanos = window.toNanos();
        this.journal = journal;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        List<byte[]> entries = status.isReadOnly() ? null : journal.recorded();
        boolean journaled = false;
        boolean large = false;
        if (entries != null) {
            try {
                large = journal.commitAndAppend(() -> super.doCommit(status), entries);
                journaled = true;
            } catch (UncheckedIOException e) {
                // Committed, not journaled: a checkpoint makes it durable instead.
                log.warn("Appending to the chat journal failed, writing the database instead: {}", e.getMessage());
            }
        } else {
            super.doCommit(status);
        }
        if (status.isReadOnly() || (journaled && !large)) {
            return;
        }
        // The transaction's connection is still bound to this thread until its completion.
        ConnectionHolder holder = (ConnectionHolder) TransactionSynchronizationManager.getResource(obtainDataSource());
        try {
            if (journaled) {
                checkpointUnlessWriting(holder.getConnection());
            } else {
                awaitWritten(holder.getConnection());
            }
        } catch (SQLException e) {
            throw translateException("CHECKPOINT after commit", e);
        }
    }

    /** Retires the journal's full file with a checkpoint, unless one is being written (which retires it). */
    private void checkpointUnlessWriting(Connection connection) throws SQLException {
        lock.lock();
        try {
            if (!writing) {
                checkpoint(connection);
            }
        } finally {
            lock.unlock();
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
            journal.rotate();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
            journal.retire();
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
