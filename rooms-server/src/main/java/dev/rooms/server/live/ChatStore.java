package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import dev.rooms.server.system.DatabaseOutage;
import dev.rooms.server.message.MessageService;
import dev.rooms.server.message.NewMessage;
import dev.rooms.server.message.PostedMessage;
import dev.rooms.server.message.RoomBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Has rooms' queued chat saved by {@link MessageService}, and turns what was saved into broadcast frames with
 * the senders' nonces. Every message is committed, and with it durable, before it is broadcast.
 *
 * <p>Group commit: a commit costs a write of the embedded database's file, whatever it holds, so batches of
 * different rooms that are waiting at the same time share one transaction. The first worker to get the
 * commit lock saves every batch waiting by then; workers that arrived meanwhile find theirs done or commit
 * the next group. A room's batches still commit in order, because a room is worked on by one worker at a
 * time. If a shared commit fails (a room or a user was deleted meanwhile), each batch is saved again on its
 * own, so one bad batch loses nothing of the others.
 */
final class ChatStore {

    private static final Logger log = LoggerFactory.getLogger(ChatStore.class);

    private final MessageService messages;
    private final JsonMapper json;
    private final DatabaseOutage outage;
    private final boolean acrossProcesses;
    private final Queue<Request> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    /** @param acrossProcesses whether other processes post to the same rooms (then previous ids are tracked) */
    ChatStore(MessageService messages, JsonMapper json, DatabaseOutage outage, boolean acrossProcesses) {
        this.messages = messages;
        this.outage = outage;
        this.json = json;
        this.acrossProcesses = acrossProcesses;
    }

    /**
     * Persists the posts in order and returns what was stored, in order. A post that cannot be stored (the
     * room or the user was deleted meanwhile) is logged and left out; the others are still stored.
     */
    List<StoredChat> store(long roomId, List<ChatPost> posts) {
        Request request = new Request(roomId, posts);
        waiting.add(request);
        committing.lock();
        try {
            if (!request.done) {
                commitWaiting();
            }
        } finally {
            committing.unlock();
        }
        // The lock orders the leader's writes to the request before these reads.
        return request.stored != null ? request.stored : storeAlone(roomId, posts);
    }

    private void commitWaiting() {
        List<Request> group = new ArrayList<>();
        Request next;
        while ((next = waiting.poll()) != null) {
            group.add(next);
        }
        try {
            List<List<PostedMessage>> posted = messages.postBatches(group.stream().map(Request::batch).toList(), acrossProcesses);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).stored = frames(group.get(i).posts, posted.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() > 1) {
                log.debug("A group commit of {} rooms failed, saving each on its own: {}", group.size(), e.toString());
            }
        }
        group.forEach(request -> request.done = true);
    }

    /** One room's batch in a transaction of its own, and failing that, each post on its own. */
    private List<StoredChat> storeAlone(long roomId, List<ChatPost> posts) {
        try {
            return frames(posts, messages.postMessages(roomId, newMessages(posts), acrossProcesses));
        } catch (RuntimeException e) {
            if (outage.recordIfUnreachable(e)) {
                // Each post on its own would fail the same way, a log line each: the outage is logged once.
                outage.failedChat(posts.size());
                posts.forEach(post -> post.notStored(e));
                return List.of();
            }
            if (posts.size() == 1) {
                if (e instanceof DuplicateKeyException) {
                    // The only unique key a post can hit: a concurrent retry with the same Idempotency-Key won.
                    log.debug("Not storing a chat message for room {} from user {}: its idempotency key was used meanwhile",
                            roomId, posts.get(0).userId());
                } else {
                    log.info("Dropping a chat message for room {} from user {}: {}", roomId, posts.get(0).userId(), e.toString());
                }
                posts.get(0).notStored(e);
                return List.of();
            }
            // Find the culprit: each post on its own, so one bad post does not lose the batch.
            List<StoredChat> stored = new ArrayList<>();
            for (ChatPost post : posts) {
                stored.addAll(storeAlone(roomId, List.of(post)));
            }
            return stored;
        }
    }

    private List<StoredChat> frames(List<ChatPost> posts, List<PostedMessage> posted) {
        List<StoredChat> stored = new ArrayList<>(posted.size());
        for (int i = 0; i < posted.size(); i++) {
            PostedMessage message = posted.get(i);
            String nonce = posts.get(i).nonce();
            stored.add(new StoredChat(message.message().id(), message.previousId(), frame(message, nonce), nonce,
                    posts.get(i), message.message()));
        }
        return stored;
    }

    private static List<NewMessage> newMessages(List<ChatPost> posts) {
        return posts.stream().map(post -> new NewMessage(post.userId(), post.content(), post.idempotencyKey())).toList();
    }

    private String frame(PostedMessage posted, String nonce) {
        if (nonce == null) {
            return json.writeValueAsString(posted.message());
        }
        ObjectNode node = json.valueToTree(posted.message());
        node.put("nonce", nonce);
        return json.writeValueAsString(node);
    }

    /** A room's batch waiting for a commit; {@code done} and {@code stored} are guarded by the commit lock. */
    private static final class Request {
        final long roomId;
        final List<ChatPost> posts;
        boolean done;
        /** What was saved, or null when the shared commit failed. */
        List<StoredChat> stored;

        Request(long roomId, List<ChatPost> posts) {
            this.roomId = roomId;
            this.posts = posts;
        }

        RoomBatch batch() {
            return new RoomBatch(roomId, newMessages(posts));
        }
    }
}
