package dev.rooms.server.live;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.user.UserSummary;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.json.JsonMapper;

/** Renders a chat broadcast: the history shape, plus the sender's nonce when it sent one. */
final class ChatFrames {

    private final ObjectWriter writer;

    ChatFrames(JsonMapper json) {
        this.writer = json.writerFor(ChatFrame.class);
    }

    /** The frame of a stored message; a message edited since it was posted is still broadcast in the spec's shape. */
    String render(MessageResponse message, String nonce) {
        return writer.writeValueAsString(new ChatFrame(message.id(), message.user(), message.content(),
                message.createdAt(), nonce));
    }

    /**
     * The history's four fields and the nonce, written straight from a record (once per broadcast, on the chat
     * path): no tree built and copied to add the nonce.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ChatFrame(long id, UserSummary user, String content, Instant createdAt,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String nonce) {
    }
}
