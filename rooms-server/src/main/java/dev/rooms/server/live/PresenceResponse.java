package dev.rooms.server.live;

import java.time.Instant;

import dev.rooms.server.user.UserSummary;

/** One user in {@code GET /api/rooms/{id}/presence/}: how many sockets they have open and since when. */
record PresenceResponse(UserSummary user, int connections, Instant since) {
}
