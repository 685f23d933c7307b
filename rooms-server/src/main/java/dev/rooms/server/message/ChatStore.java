package dev.rooms.server.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import dev.rooms.server.system.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Saves rooms' chat batches through {@link MessageService}, several rooms in one transaction when they wait at
 * the same time (group commit). Every message is committed, and with it durable, when {@link #store} returns.
 *
 * <p>A commit costs a write of the embedded database's file (or a flush of PostgreSQL's log), whatever it
 * holds, so batches of different rooms that wait at the same time share one. The first caller to get the
 * commit lock saves every batch waiting by then; callers that arrived meanwhile find theirs done or commit
 * the next group. A room's batches still commit in order as long as the caller hands in one batch of a room
 * at a time and waits for it (the live part's room queue does). If a shared commit fails (a room or a user was
 * deleted meanwhile), each batch is saved again on its own, and failing that each message on its own, so one
 * bad message loses nothing of the others.
 */
@Component
public final class ChatStore {

    private static final Logger log = LoggerFactory.getLogger(ChatStore.class);

    private final MessageService messages;
    private final DatabaseOutage outage;
    private final Queue<Request> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock committing = new ReentrantLock();

    ChatStore(MessageService messages, DatabaseOutage outage) {
        this.messages = messages;
        this.outage = outage;
    }

    /**
     * Saves a room's messages in order.
     *
     * @return what became of each message, in the order of {@code batch}; a message that could not be saved
     *         (the room or its user was deleted meanwhile, its idempotency key was taken) is logged and
     *         reported with the reason, and the others are still saved
     */
    public List<PostOutcome> store(long roomId, List<NewMessage> batch) {
        Request request = new Request(new RoomBatch(roomId, List.copyOf(batch)));
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
        return request.outcomes != null ? request.outcomes : storeAlone(request.batch);
    }

    private void commitWaiting() {
        List<Request> group = new ArrayList<>();
        Request next;
        while ((next = waiting.poll()) != null) {
            group.add(next);
        }
        try {
            List<List<PostedMessage>> posted = messages.postBatches(group.stream().map(request -> request.batch).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcomes = posted.get(i).stream().map(PostOutcome::saved).toList();
            }
        } catch (RuntimeException e) {
            if (group.size() > 1) {
                log.debug("A group commit of {} rooms failed, saving each on its own: {}", group.size(), e.toString());
            }
        }
        group.forEach(request -> request.done = true);
    }

    /** One room's batch in a transaction of its own, and failing that, each message on its own. */
    private List<PostOutcome> storeAlone(RoomBatch batch) {
        try {
            return messages.postMessages(batch.roomId(), batch.messages()).stream().map(PostOutcome::saved).toList();
        } catch (RuntimeException e) {
            if (outage.recordIfUnreachable(e)) {
                // Each message on its own would fail the same way, a log line each: the outage is logged once.
                outage.failedChat(batch.messages().size());
                return batch.messages().stream().map(message -> PostOutcome.notSaved(e)).toList();
            }
            if (batch.messages().size() == 1) {
                return List.of(notSaved(batch.roomId(), batch.messages().get(0), e));
            }
            // Find the culprit: each message on its own, so one bad message does not lose the batch.
            List<PostOutcome> outcomes = new ArrayList<>(batch.messages().size());
            for (NewMessage message : batch.messages()) {
                outcomes.addAll(storeAlone(new RoomBatch(batch.roomId(), List.of(message))));
            }
            return outcomes;
        }
    }

    private static PostOutcome notSaved(long roomId, NewMessage message, RuntimeException e) {
        if (e instanceof DuplicateKeyException) {
            // The only unique key a post can hit: a concurrent retry with the same Idempotency-Key won.
            log.debug("Not storing a chat message for room {} from user {}: its idempotency key was used meanwhile",
                    roomId, message.userId());
        } else {
            log.info("Dropping a chat message for room {} from user {}: {}", roomId, message.userId(), e.toString());
        }
        return PostOutcome.notSaved(e);
    }

    /** A room's batch waiting for a commit; {@code done} and {@code outcomes} are guarded by the commit lock. */
    private static final class Request {
        final RoomBatch batch;
        boolean done;
        /** What became of each message, or null when the shared commit failed. */
        List<PostOutcome> outcomes;

        Request(RoomBatch batch) {
            this.batch = batch;
        }
    }
}
