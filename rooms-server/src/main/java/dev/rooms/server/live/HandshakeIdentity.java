package dev.rooms.server.live;

import java.time.Instant;
import java.util.Set;

/**
 * Who opened a socket and for which room, and the extra events it asked for, as established by
 * {@link HandshakeAuthentication}.
 */
record HandshakeIdentity(long userId, long roomId, Instant tokenExpiresAt, Set<LiveEvent> events) {

    static final String ATTRIBUTE = HandshakeIdentity.class.getName();
}
