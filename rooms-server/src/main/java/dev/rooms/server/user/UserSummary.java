package dev.rooms.server.user;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** A user as nested in rooms ({@code creator}) and messages ({@code user}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserSummary(long id, String email, String name) {
}
