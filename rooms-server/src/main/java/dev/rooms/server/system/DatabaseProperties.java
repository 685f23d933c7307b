package dev.rooms.server.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded database under {@code rooms.database.*}.
 *
 * @param syncOnCommit whether the embedded H2 database reaches the disk itself (not only the operating
 *                     system's cache) before a commit returns, so that what was confirmed also survives an
 *                     operating-system crash or a power loss ({@code ROOMS_DATABASE_SYNC_ON_COMMIT}); without
 *                     it a commit survives a crash of the server process only. Not used for an external
 *                     database: PostgreSQL's own {@code fsync} and {@code synchronous_commit} decide there.
 * @param groupCommitWindow how long the embedded database waits for more commits before writing them together
 *                     ({@code ROOMS_DATABASE_GROUP_COMMIT_WINDOW}): the longest extra wait of a commit, against
 *                     fewer writes of the file under load; {@code 0} writes as soon as the previous write ends
 * @param journalCheckpointSize how large the embedded database's chat journal grows before a checkpoint writes
 *                     the database and starts a new one ({@code ROOMS_DATABASE_JOURNAL_CHECKPOINT_SIZE}): what
 *                     the next start replays at most, against how often chat pays for writing the database
 */
@ConfigurationProperties("rooms.database")
public record DatabaseProperties(@DefaultValue("false") boolean syncOnCommit,
                                 @DefaultValue("0ms") Duration groupCommitWindow,
                                 @DefaultValue("8MB") DataSize journalCheckpointSize) {
}
