package dev.rooms.server.system;

import java.util.List;

/** The database holds migrations of a newer release than this node's; it must not start on it. */
final class SchemaTooNewException extends RuntimeException {

    SchemaTooNewException(String known, List<String> future) {
        super("The database schema has migration(s) " + String.join(", ", future) + ", newer than this node knows (up to "
                + known + "): a newer Rooms release migrated it.");
    }
}
