package dev.rooms.server.live;

import java.time.Instant;

/**
 * A user's connections to a room, on one process or summed over all.
 *
 * @param connections how many sockets are open
 * @param since       when the earliest of them opened
 */
record PresenceEntry(int connections, Instant since) {

    /** Both together: the connections summed, the earlier start. */
    PresenceEntry plus(PresenceEntry other) {
        return new PresenceEntry(connections + other.connections,
                since.isBefore(other.since) ? since : other.since);
    }
}
