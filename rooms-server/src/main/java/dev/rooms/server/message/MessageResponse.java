package dev.rooms.server.message;

import java.time.Instant;

import dev.rooms.server.user.UserSummary;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A chat message as the history endpoint and the live broadcast show it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageResponse(long id, UserSummary user, String content, Instant createdAt) {
}
