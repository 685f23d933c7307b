package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;

import dev.rooms.server.message.MessageService;
import dev.rooms.server.message.NewMessage;
import dev.rooms.server.message.PostedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Has a room's queued chat saved by {@link MessageService#postMessages}, a batch per transaction (one commit
 * for many messages of a busy room instead of one each; every message is durable before it is broadcast),
 * and turns what was saved into broadcast frames with the senders' nonces.
 */
final class ChatStore {

    private static final Logger log = LoggerFactory.getLogger(ChatStore.class);

    private final MessageService messages;
    private final JsonMapper json;
    private final boolean acrossProcesses;

    /** @param acrossProcesses whether other processes post to the same rooms (then previous ids are tracked) */
    ChatStore(MessageService messages, JsonMapper json, boolean acrossProcesses) {
        this.messages = messages;
        this.json = json;
        this.acrossProcesses = acrossProcesses;
    }

    /**
     * Persists the posts in order and returns what was stored, in order. A post that cannot be stored (the
     * room or the user was deleted meanwhile) is logged and left out; the others are still stored.
     */
    List<StoredChat> store(long roomId, List<ChatPost> posts) {
        List<PostedMessage> posted;
        try {
            posted = messages.postMessages(roomId,
                    posts.stream().map(post -> new NewMessage(post.userId(), post.content())).toList(), acrossProcesses);
        } catch (RuntimeException e) {
            if (posts.size() == 1) {
                log.info("Dropping a chat message for room {} from user {}: {}", roomId, posts.get(0).userId(), e.toString());
                return List.of();
            }
            // Find the culprit: each post on its own, so one bad post does not lose the batch.
            List<StoredChat> stored = new ArrayList<>();
            for (ChatPost post : posts) {
                stored.addAll(store(roomId, List.of(post)));
            }
            return stored;
        }
        List<StoredChat> stored = new ArrayList<>(posted.size());
        for (int i = 0; i < posted.size(); i++) {
            PostedMessage message = posted.get(i);
            stored.add(new StoredChat(message.message().id(), message.previousId(), frame(message, posts.get(i).nonce())));
        }
        return stored;
    }

    private String frame(PostedMessage posted, String nonce) {
        if (nonce == null) {
            return json.writeValueAsString(posted.message());
        }
        ObjectNode node = json.valueToTree(posted.message());
        node.put("nonce", nonce);
        return json.writeValueAsString(node);
    }
}
