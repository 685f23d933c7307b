package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;

/** {@link ChatHistory} read through {@link MessageService}, frames in the broadcast (the spec's history) shape. */
final class MessageHistory implements ChatHistory {

    private final MessageService messages;
    private final ChatFrames frames;

    MessageHistory(MessageService messages, ChatFrames frames) {
        this.messages = messages;
        this.frames = frames;
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
            chain.add(new StoredChat(message.id(), previous, frames.render(message, nonce), nonce));
            previous = message.id();
        }
        return chain;
    }
}
