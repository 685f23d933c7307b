package dev.rooms.server.message;

import java.time.Instant;

import dev.rooms.server.user.UserSummary;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A search result: the message in the history shape, plus the room it was posted in. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record FoundMessage(long id, UserSummary user, String content, Instant createdAt, RoomSummary room) {
}
