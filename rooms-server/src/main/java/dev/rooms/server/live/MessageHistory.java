package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

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
    public List<StoredChat> messagesBetween(long roomId, long afterId, long beforeId, Nonces nonces) {
        List<MessageResponse> found = messages.listMessagesBetween(roomId, afterId, beforeId);
        Map<Long, String> known = found.isEmpty()
                ? Map.of()
                : nonces.of(roomId, found.stream().map(MessageResponse::id).toList());
        List<StoredChat> chain = new ArrayList<>();
        long previous = afterId;
        for (MessageResponse message : found) {
            String nonce = known.get(message.id());
            // A chat broadcast is in the spec's shape, even for a message edited since it was posted.
            chain.add(new StoredChat(message.id(), previous, frame(message.withoutEditedAt(), nonce), nonce));
            previous = message.id();
        }
        return chain;
    }

    /** The broadcast frame, with the nonce as {@link ChatStore} writes it when there is one. */
    private String frame(MessageResponse message, String nonce) {
        if (nonce == null) {
            return json.writeValueAsString(message);
        }
        ObjectNode node = json.valueToTree(message);
        node.put("nonce", nonce);
        return json.writeValueAsString(node);
    }
}
