package dev.rooms.server.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.rooms.server.room.RoomService;
import dev.rooms.server.system.CommitJournal;
import dev.rooms.server.system.NotFoundException;
import dev.rooms.server.system.Page;
import dev.rooms.server.system.PermissionDeniedException;
import dev.rooms.server.user.UserSummary;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class MessageService {

    /** How long an {@code Idempotency-Key} is honoured. */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private final MessageRepository messages;
    private final RoomService rooms;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final CommitJournal journal;

    MessageService(MessageRepository messages, RoomService rooms, ApplicationEventPublisher events, Clock clock,
                   CommitJournal journal) {
        this.messages = messages;
        this.rooms = rooms;
        this.events = events;
        this.clock = clock;
        this.journal = journal;
    }

    /**
     * Saves a chat message; it is committed when this returns.
     *
     * @return the message exactly as the history endpoint shows it
     * @throws dev.rooms.server.room.RoomNotFoundException when the room does not exist or was deleted
     * @throws org.springframework.dao.DataIntegrityViolationException when the user does not exist (any more)
     */
    @Transactional
    public MessageResponse postMessage(long roomId, long userId, String content) {
        return postMessages(roomId, List.of(new NewMessage(userId, content))).get(0).message();
    }

    /**
     * Saves a room's chat messages in order, in one transaction: one commit for a whole batch. They are
     * committed (and with it durable) when this returns, and none of them is saved if one cannot be.
     *
     * <p>On a database that other server processes may share (PostgreSQL) the transaction first takes the
     * room's lock (an advisory lock), so a room's messages commit in id order across processes, and each
     * message comes with the id of the room's message before it; receivers use that to restore id order when
     * publishes from different processes overtake each other. On the embedded database, which one process
     * owns, the previous ids are 0.
     *
     * @throws dev.rooms.server.room.RoomNotFoundException when the room does not exist or was deleted
     * @throws org.springframework.dao.DataIntegrityViolationException when a user does not exist (any more)
     */
    @Transactional
    public List<PostedMessage> postMessages(long roomId, List<NewMessage> batch) {
        return postBatches(List.of(new RoomBatch(roomId, batch))).get(0);
    }

    /**
     * Saves the chat of several rooms in one transaction, each room's messages in order, as
     * {@link #postMessages} does for one room: one commit (one write of the embedded database) for all of them.
     * The rooms' locks are taken in ascending room id, so processes posting to the same rooms cannot deadlock.
     * None is saved if one cannot be. On the embedded database the rows are recorded in its chat journal, which
     * makes the commit durable (unless an idempotency key is saved too: its row is not journaled, so that
     * transaction is written to the database file as any other).
     *
     * @param batches at most one per room
     * @return what was saved, in the order of {@code batches}
     * @throws dev.rooms.server.room.RoomNotFoundException when a room does not exist or was deleted
     * @throws org.springframework.dao.DataIntegrityViolationException when a user does not exist (any more)
     */
    @Transactional
    public List<List<PostedMessage>> postBatches(List<RoomBatch> batches) {
        List<List<PostedMessage>> posted = new ArrayList<>(Collections.nCopies(batches.size(), null));
        IntStream.range(0, batches.size()).boxed()
                .sorted(Comparator.comparingLong(i -> batches.get(i).roomId()))
                .forEach(i -> posted.set(i, save(batches.get(i))));
        if (journal.isEnabled() && batches.stream().flatMap(batch -> batch.messages().stream())
                .allMatch(message -> message.idempotencyKey() == null)) {
            List<JournaledMessages.Row> rows = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                for (PostedMessage message : posted.get(i)) {
                    MessageResponse saved = message.message();
                    rows.add(new JournaledMessages.Row(saved.id(), batches.get(i).roomId(), saved.user().id(),
                            saved.createdAt(), saved.content()));
                }
            }
            journal.record(JournaledMessages.encode(rows));
        }
        return posted;
    }

    /**
     * One room's batch: the room checked once, the authors read once, the messages inserted with one JDBC
     * batch, and the answer built from what was inserted (the ids the database generated), not read back.
     */
    private List<PostedMessage> save(RoomBatch batch) {
        long roomId = batch.roomId();
        long previous = 0;
        boolean shared = messages.shared();
        if (shared) {
            previous = messages.lockRoomForPosting(roomId);
        }
        rooms.requireActiveRoom(roomId);
        Map<Long, UserSummary> authors = messages.findAuthors(
                batch.messages().stream().map(NewMessage::userId).collect(Collectors.toSet()));
        List<Instant> createdAt = new ArrayList<>(batch.messages().size());
        for (NewMessage message : batch.messages()) {
            Objects.requireNonNull(message.content(), "content == null");
            if (!authors.containsKey(message.userId())) {
                throw new DataIntegrityViolationException("No user " + message.userId());
            }
            createdAt.add(clock.instant().truncatedTo(ChronoUnit.MICROS));
        }
        long[] ids = messages.insertAll(roomId, batch.messages(), createdAt);
        List<PostedMessage> posted = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            NewMessage message = batch.messages().get(i);
            Instant now = createdAt.get(i);
            if (message.idempotencyKey() != null) {
                // The key's row commits with the message or not at all; a concurrent retry's insert fails here.
                messages.deleteExpiredIdempotencyKeys(message.userId(), now.minus(IDEMPOTENCY_WINDOW));
                messages.insertIdempotencyKey(message.userId(), message.idempotencyKey(), ids[i], now);
            }
            MessageResponse saved = new MessageResponse(ids[i], authors.get(message.userId()), message.content(), now, null);
            posted.add(new PostedMessage(saved, previous));
            previous = shared ? ids[i] : 0;
        }
        return posted;
    }

    /** The message the user posted with this idempotency key within the last 24 hours, with its room. */
    @Transactional(readOnly = true)
    Optional<MessageRepository.KeyedMessage> findByIdempotencyKey(long userId, String key) {
        return messages.findByIdempotencyKey(userId, key, clock.instant().minus(IDEMPOTENCY_WINDOW));
    }

    /**
     * Replaces a message's content; only its author may. Publishes {@link MessageEdited}.
     *
     * @return the message with {@code editedAt} set
     * @throws dev.rooms.server.system.NotFoundException when the room is gone or the message is not in it
     * @throws PermissionDeniedException when the caller is not the author
     */
    @Transactional
    MessageResponse editMessage(long roomId, long messageId, long userId, String content) {
        requireAuthor(roomId, messageId, userId);
        messages.updateContent(messageId, content, clock.instant().truncatedTo(ChronoUnit.MICROS));
        MessageResponse edited = messages.findById(messageId);
        events.publishEvent(new MessageEdited(roomId, edited));
        return edited;
    }

    /**
     * Deletes a message from the history; its author and the room's creator may. Publishes {@link MessageDeleted}.
     *
     * @throws dev.rooms.server.system.NotFoundException when the room is gone or the message is not in it
     * @throws PermissionDeniedException when the caller is neither
     */
    @Transactional
    void deleteMessage(long roomId, long messageId, long userId) {
        MessageRepository.Authorship authorship = authorship(roomId, messageId);
        if (authorship.authorId() != userId && authorship.roomCreatorId() != userId) {
            throw new PermissionDeniedException("You can only delete your own messages or messages in rooms you created.");
        }
        messages.delete(messageId);
        events.publishEvent(new MessageDeleted(roomId, messageId));
    }

    /**
     * Checks that the message exists in the active room and that the caller wrote it (before its new content is
     * validated, so a stranger learns nothing from a 400).
     */
    @Transactional(readOnly = true)
    void requireAuthor(long roomId, long messageId, long userId) {
        if (authorship(roomId, messageId).authorId() != userId) {
            throw new PermissionDeniedException("You can only edit your own messages.");
        }
    }

    private MessageRepository.Authorship authorship(long roomId, long messageId) {
        rooms.requireActiveRoom(roomId);
        return messages.findAuthorship(roomId, messageId)
                .orElseThrow(() -> new NotFoundException("No message " + messageId + " in room " + roomId));
    }

    /**
     * Checks that a room exists and is active.
     *
     * @throws dev.rooms.server.room.RoomNotFoundException when it does not exist or was deleted
     */
    void requireActiveRoom(long roomId) {
        rooms.requireActiveRoom(roomId);
    }

    /**
     * Checks that a room exists and is active from what this process already knows when it can (no database
     * round trip for a room checked before; a deletion still acts at once): for reads of its history.
     *
     * @throws dev.rooms.server.room.RoomNotFoundException when it does not exist or was deleted
     */
    void requireReadableRoom(long roomId) {
        rooms.requireActiveRoomCached(roomId);
    }

    /**
     * Hands a room's whole matching history after {@code afterId} (all of it when {@code null}) to
     * {@code action}, oldest first, one message at a time, within one read-only transaction.
     */
    @Transactional(readOnly = true)
    void forEachMessage(MessageFilter filter, Long afterId, Consumer<MessageResponse> action) {
        messages.forEach(filter, afterId, action);
    }

    /**
     * One page of a room's matching history, oldest first: with {@code afterId} the first {@code limit} after
     * it (paging forward, below {@code beforeId} if that is given too), otherwise the newest {@code limit}
     * below {@code beforeId} (paging back), or the newest of all.
     *
     * @throws dev.rooms.server.room.RoomNotFoundException when the room does not exist or was deleted
     */
    @Transactional(readOnly = true)
    HistoryPage listMessages(MessageFilter filter, Long afterId, Long beforeId, int limit) {
        rooms.requireActiveRoomCached(filter.roomId());
        if (afterId != null) {
            Page<MessageResponse> page = Page.of(messages.find(filter, afterId, beforeId, false, limit + 1), limit);
            boolean older = !page.items().isEmpty() && messages.existsBefore(filter, page.items().get(0).id());
            return new HistoryPage(page.items(), older, page.more());
        }
        Page<MessageResponse> page = Page.of(messages.find(filter, null, beforeId, true, limit + 1), limit);
        List<MessageResponse> oldestFirst = new ArrayList<>(page.items());
        Collections.reverse(oldestFirst);
        boolean newer = beforeId != null && !oldestFirst.isEmpty()
                && messages.existsAfter(filter, oldestFirst.get(oldestFirst.size() - 1).id());
        return new HistoryPage(oldestFirst, page.more(), newer);
    }

    /** Matching messages of every active room below {@code beforeId}, newest first, one page of them. */
    @Transactional(readOnly = true)
    Page<FoundMessage> searchMessages(MessageFilter filter, Long beforeId, int limit) {
        return Page.of(messages.search(filter, beforeId, limit + 1), limit);
    }

    /** The id of the room's newest message, 0 when it has none (the live part orders broadcasts by it). */
    @Transactional(readOnly = true)
    public long lastMessageId(long roomId) {
        return messages.findLastId(roomId);
    }

    /**
     * The room's messages with {@code afterId < id < beforeId}, oldest first, each with its sender's nonce,
     * whether or not the room is still active (the live part fills gaps in a broadcast with them).
     */
    @Transactional(readOnly = true)
    public List<StoredMessage> listMessagesBetween(long roomId, long afterId, long beforeId) {
        return messages.findByRoomBetween(roomId, afterId, beforeId);
    }
}
