package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;

import dev.rooms.server.message.MessageService;
import dev.rooms.server.message.StoredMessage;

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
    public List<StoredChat> messagesBetween(long roomId, long afterId, long beforeId) {
        List<StoredChat> chain = new ArrayList<>();
        long previous = afterId;
        for (StoredMessage stored : messages.listMessagesBetween(roomId, afterId, beforeId)) {
            long id = stored.message().id();
            chain.add(new StoredChat(id, previous, frames.render(stored.message(), stored.nonce())));
            previous = id;
        }
        return chain;
    }
}
