package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;

import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;
import tools.jackson.databind.json.JsonMapper;

/** {@link ChatHistory} read through {@link MessageService}, frames in the broadcast (the spec's history) shape. */
final class MessageHistory implements ChatHistory {

    private final MessageService messages;
    private final JsonMapper json;

    MessageHistory(MessageService messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @Override
    public long lastMessageId(long roomId) {
        return messages.lastMessageId(roomId);
    }

    @Override
    public List<StoredChat> messagesBetween(long roomId, long afterId, long beforeId) {
        List<StoredChat> chain = new ArrayList<>();
        long previous = afterId;
        for (MessageResponse message : messages.listMessagesBetween(roomId, afterId, beforeId)) {
            // A chat broadcast is in the spec's shape, even for a message edited since it was posted.
            chain.add(new StoredChat(message.id(), previous, json.writeValueAsString(message.withoutEditedAt())));
            previous = message.id();
        }
        return chain;
    }
}
