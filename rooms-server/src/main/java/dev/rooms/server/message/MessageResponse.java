package dev.rooms.server.message;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rooms.server.user.UserSummary;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A chat message as the history endpoint and the live broadcast show it. {@code editedAt} is an extension: it is
 * written only when it is set, and it is set only for clients that asked for it (an edit's answer and event,
 * a history read with {@code include=edited_at}), so a spec client always sees the spec's four fields.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageResponse(long id, UserSummary user, String content, Instant createdAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt) {

    /** The same message in the spec's shape (no {@code edited_at}). */
    public MessageResponse withoutEditedAt() {
        return editedAt == null ? this : new MessageResponse(id, user, content, createdAt, null);
    }
}
