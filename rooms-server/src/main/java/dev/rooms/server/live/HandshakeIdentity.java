package dev.rooms.server.live;

import java.time.Instant;

/** Who opened a socket and for which room, as established by {@link HandshakeAuthentication}. */
record HandshakeIdentity(long userId, long roomId, Instant tokenExpiresAt) {

    static final String ATTRIBUTE = HandshakeIdentity.class.getName();
}
