package dev.rooms.server.system;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's own file system with one difference: a file opened for writing is opened with {@code DSYNC}, so each
 * write returns only once its data is on the disk. H2 writes a commit as one chunk in one write, and
 * commits that arrive while a chunk is being written go into the next chunk together, so this costs one
 * disk flush per commit (per chat batch), not one per message. Used through the {@value #SCHEME}{@code :}
 * prefix of a database name.
 *
 * <p>Public with a public constructor because H2 makes an instance per path by reflection.
 */
public final class DataSyncFilePath extends FilePathWrapper {

    static final String SCHEME = "dsync";

    public DataSyncFilePath() {
    }

    /** Makes the {@value #SCHEME}{@code :} prefix known to H2 (idempotent). */
    static void register() {
        FilePath.register(new DataSyncFilePath());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (!"rw".equals(mode)) {
            return getBase().open(mode);
        }
        FileChannel file = getBase().open("rwd");
        syncDirectoryOf(Path.of(getBase().toString()));
        return file;
    }

    /** A file the open may just have created is only there after a crash once its directory entry is too. */
    private static void syncDirectoryOf(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
