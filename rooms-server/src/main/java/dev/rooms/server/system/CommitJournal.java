package dev.rooms.server.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The embedded database's chat journal: a transaction that saved only chat messages is made durable by one
 * append of its rows to a file (one {@code write()}, no {@code fsync} unless sync-on-commit) instead of a
 * {@code CHECKPOINT} that rewrites every page it changed. H2 itself writes those rows later, on its own write
 * delay; at the next start whatever the journal holds is put back into the database ({@link #recover}) before
 * the server accepts anything.
 *
 * <p>How it stays correct: a transaction's rows are appended after H2 committed it, under a shared lock that a
 * checkpoint takes exclusively to switch to a new file ({@link #rotate}). So every entry in the files before the
 * switch belongs to a commit made before the checkpoint started, which the checkpoint writes; once it is done
 * those files are deleted. Every other write of the server (rooms, accounts, edits, deletions) still ends in a
 * checkpoint, which therefore also retires the journal entries of every message it could have changed: a
 * message deleted, edited or cascaded away by a confirmed write is never brought back by a replay. A replay
 * inserts a row only if its id is absent and its room and author still exist.
 *
 * <p>With an external database the journal is off: {@link #isEnabled()} is false and nothing is recorded.
 */
public final class CommitJournal {

    private static final Logger log = LoggerFactory.getLogger(CommitJournal.class);
    private static final String PREFIX = "chat-journal-";
    private static final String SUFFIX = ".log";
    /** Length and checksum before each entry's bytes. */
    private static final int HEADER = 8;

    private final Path dir;
    private final boolean sync;
    private final long rotateBytes;
    /** Shared: a commit and its append; exclusive: switching to a new file. */
    private final ReentrantReadWriteLock rotation = new ReentrantReadWriteLock();
    /** The segments a previous run left, to replay; guarded by this. */
    private final TreeMap<Long, Path> previous = new TreeMap<>();
    /** This run's segments that a checkpoint in progress covers; guarded by this. */
    private final List<Path> retiring = new ArrayList<>();
    /** This run's segments closed after a failed append, retired by the next checkpoint; guarded by this. */
    private final List<Path> closed = new ArrayList<>();
    private long nextNumber;
    /** The file appended to; guarded by this. */
    private FileChannel current;
    private Path currentPath;
    private long currentBytes;

    private CommitJournal(Path dir, boolean sync, long rotateBytes) {
        this.dir = dir;
        this.sync = sync;
        this.rotateBytes = rotateBytes;
        if (dir != null) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    previous.put(Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length())), file);
                }
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("Cannot read the chat journal in " + dir, e);
            }
            nextNumber = previous.isEmpty() ? 1 : previous.lastKey() + 1;
        }
    }

    /**
     * The journal of the embedded database in {@code dir}.
     *
     * @param sync        whether each append reaches the disk before it returns (sync-on-commit)
     * @param rotateBytes the size of the current file at which a commit asks for a checkpoint, which retires it
     */
    static CommitJournal in(Path dir, boolean sync, long rotateBytes) {
        return new CommitJournal(dir, sync, rotateBytes);
    }

    /** No journal (an external database makes its own commits durable). */
    static CommitJournal disabled() {
        return new CommitJournal(null, false, 0);
    }

    public boolean isEnabled() {
        return dir != null;
    }

    /**
     * Adds {@code entry} to the record of the current transaction, which then saves nothing but what it records:
     * when it commits, its entries are appended instead of waiting for a checkpoint.
     *
     * @throws IllegalStateException outside a transaction, or when the journal is off
     */
    public void record(byte[] entry) {
        if (!isEnabled() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("No journal, or no transaction to record in");
        }
        Entries entries = (Entries) TransactionSynchronizationManager.getResource(this);
        if (entries == null) {
            entries = new Entries(new ArrayList<>());
            TransactionSynchronizationManager.bindResource(this, entries);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CommitJournal.this);
                }
            });
        }
        entries.list().add(entry);
    }

    /** The current transaction's record, or null when it must be made durable by a checkpoint. */
    List<byte[]> recorded() {
        return TransactionSynchronizationManager.getResource(this) instanceof Entries entries ? entries.list() : null;
    }

    /**
     * Runs {@code commit} and appends {@code entries} after it, both under the shared lock, so that no checkpoint
     * switches files between them.
     *
     * @return whether the current file has grown past the size that asks for a checkpoint
     * @throws UncheckedIOException when the append failed: the transaction is committed but not durable
     */
    boolean commitAndAppend(Runnable commit, List<byte[]> entries) {
        rotation.readLock().lock();
        try {
            commit.run();
            return append(entries);
        } finally {
            rotation.readLock().unlock();
        }
    }

    /** Appends the entries with one write. */
    private synchronized boolean append(List<byte[]> entries) {
        ByteBuffer buffer = ByteBuffer.allocate(entries.stream().mapToInt(entry -> HEADER + entry.length).sum());
        for (byte[] entry : entries) {
            CRC32C crc = new CRC32C();
            crc.update(entry);
            buffer.putInt(entry.length).putInt((int) crc.getValue()).put(entry);
        }
        buffer.flip();
        try {
            if (current == null) {
                open();
            }
            while (buffer.hasRemaining()) {
                current.write(buffer);
            }
        } catch (IOException e) {
            // What follows a partial entry would not be replayed: later entries go to a new file. This one is
            // retired with the files of the next checkpoint (which the failed commit waits for).
            Path failed = currentPath;
            if (current != null) {
                close(current);
                closed.add(currentPath);
                current = null;
                currentPath = null;
            }
            throw new UncheckedIOException("Cannot append to the chat journal " + failed, e);
        }
        currentBytes += buffer.limit();
        return currentBytes >= rotateBytes;
    }

    private void open() throws IOException {
        currentPath = dir.resolve(PREFIX + nextNumber++ + SUFFIX);
        current = sync
                ? FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.DSYNC)
                : FileChannel.open(currentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        currentBytes = 0;
    }

    /**
     * Called when a checkpoint starts (one at a time): entries appended from now on go to a new file, and the
     * files before it are deleted by {@link #retire} once the checkpoint has written the database. Waits for
     * commits that are between their commit and their append.
     */
    void rotate() {
        if (!isEnabled()) {
            return;
        }
        rotation.writeLock().lock();
        try {
            synchronized (this) {
                retiring.addAll(closed);
                closed.clear();
                if (current != null) {
                    close(current);
                    retiring.add(currentPath);
                    current = null;
                    currentPath = null;
                }
            }
        } finally {
            rotation.writeLock().unlock();
        }
    }

    /** The checkpoint that started with the last {@link #rotate} has written the database: its files go. */
    synchronized void retire() {
        retiring.forEach(CommitJournal::delete);
        retiring.clear();
    }

    /**
     * Hands every entry a previous run left to {@code replay}, oldest first, then runs {@code checkpoint} and
     * deletes those files. An entry cut short by a crash (its append never returned, so its messages were never
     * confirmed) ends the file it is in.
     *
     * @return the number of entries replayed
     */
    public synchronized int recover(Consumer<byte[]> replay, Runnable checkpoint) {
        if (!isEnabled() || previous.isEmpty()) {
            return 0;
        }
        int entries = 0;
        for (Path file : previous.values()) {
            entries += replay(file, replay);
        }
        checkpoint.run();
        previous.values().forEach(CommitJournal::delete);
        previous.clear();
        return entries;
    }

    private static int replay(Path file, Consumer<byte[]> replay) {
        ByteBuffer all;
        try {
            all = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the chat journal " + file, e);
        }
        int entries = 0;
        while (all.remaining() >= HEADER) {
            int length = all.getInt();
            int checksum = all.getInt();
            if (length < 0 || length > all.remaining()) {
                break;
            }
            byte[] entry = new byte[length];
            all.get(entry);
            CRC32C crc = new CRC32C();
            crc.update(entry);
            if ((int) crc.getValue() != checksum) {
                break;
            }
            replay.accept(entry);
            entries++;
        }
        if (all.hasRemaining()) {
            log.info("The chat journal {} ends in an entry cut short by a crash (never confirmed); {} entries before it replayed",
                    file.getFileName(), entries);
        }
        return entries;
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("Closing a chat journal file failed: {}", e.toString());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Replaying it again is harmless (rows present are skipped); it is tried again at the next start.
            log.warn("Cannot delete the chat journal file {}: {}", file, e.toString());
        }
    }

    /** Closes the current file (the database closes after it and writes everything). */
    synchronized void close() {
        if (current != null) {
            close(current);
            current = null;
        }
    }

    /** What the current transaction recorded, bound to it (a record, so it is not mistaken for any other resource). */
    private record Entries(List<byte[]> list) {
    }
}
