package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;

import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Persists chat messages through {@link MessageService}, a batch per transaction: one commit for many
 * messages of a busy room instead of one each, and every message is durable before it is broadcast.
 *
 * <p>With several processes on one PostgreSQL database, the transaction first takes a per-room advisory
 * lock, so a room's messages commit in id order across processes and each batch knows the id of the room's
 * previous message; receivers use that to restore id order when publishes overtake each other.
 */
final class ChatStore {

    private static final Logger log = LoggerFactory.getLogger(ChatStore.class);
    /** First half of the advisory lock key, so these locks cannot collide with anyone else's. */
    private static final int LOCK_NAMESPACE = 0x526f6f6d;

    private final MessageService messages;
    private final ChatHistory history;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final boolean acrossProcesses;
    private final boolean advisoryLocks;

    /**
     * @param acrossProcesses whether other processes post to the same rooms (then previous ids are tracked)
     * @param advisoryLocks   whether the database supports PostgreSQL advisory locks
     */
    ChatStore(MessageService messages, ChatHistory history, TransactionTemplate transactions, JdbcClient jdbc,
              JsonMapper json, boolean acrossProcesses, boolean advisoryLocks) {
        this.messages = messages;
        this.history = history;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
        this.acrossProcesses = acrossProcesses;
        this.advisoryLocks = advisoryLocks;
    }

    /**
     * Persists the posts in order and returns what was stored, in order. A post that cannot be stored (the
     * room or the user was deleted meanwhile) is logged and left out; the others are still stored.
     */
    List<StoredChat> store(long roomId, List<ChatPost> posts) {
        try {
            return transactions.execute(status -> storeAll(roomId, posts));
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
    }

    private List<StoredChat> storeAll(long roomId, List<ChatPost> posts) {
        long previous = 0;
        if (acrossProcesses) {
            if (advisoryLocks) {
                jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)").params(LOCK_NAMESPACE, (int) roomId).query().listOfRows();
            }
            previous = history.lastMessageId(roomId);
        }
        List<StoredChat> stored = new ArrayList<>(posts.size());
        for (ChatPost post : posts) {
            MessageResponse message = messages.postMessage(roomId, post.userId(), post.content());
            stored.add(new StoredChat(message.id(), previous, frame(message, post.nonce())));
            previous = acrossProcesses ? message.id() : 0;
        }
        return stored;
    }

    private String frame(MessageResponse message, String nonce) {
        if (nonce == null) {
            return json.writeValueAsString(message);
        }
        ObjectNode node = json.valueToTree(message);
        node.put("nonce", nonce);
        return json.writeValueAsString(node);
    }
}
