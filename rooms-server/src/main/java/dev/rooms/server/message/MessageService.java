package dev.rooms.server.message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import dev.rooms.server.room.RoomService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class MessageService {

    private final MessageRepository messages;
    private final RoomService rooms;
    private final Clock clock;

    MessageService(MessageRepository messages, RoomService rooms, Clock clock) {
        this.messages = messages;
        this.rooms = rooms;
        this.clock = clock;
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
        Objects.requireNonNull(content, "content == null");
        rooms.requireActiveRoom(roomId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = messages.insert(roomId, userId, content, now);
        return messages.findById(id);
    }

    /** A room's history after the given message id (0 for all of it), oldest first. */
    @Transactional(readOnly = true)
    List<MessageResponse> listMessages(long roomId, long afterId) {
        rooms.requireActiveRoom(roomId);
        return messages.findByRoom(roomId, afterId);
    }

    /** The id of the room's newest message, 0 when it has none (the live part orders broadcasts by it). */
    @Transactional(readOnly = true)
    public long lastMessageId(long roomId) {
        return messages.findLastId(roomId);
    }

    /**
     * The room's messages with {@code afterId < id < beforeId}, oldest first, whether or not the room is still
     * active (the live part fills gaps in a broadcast with them).
     */
    @Transactional(readOnly = true)
    public List<MessageResponse> listMessagesBetween(long roomId, long afterId, long beforeId) {
        return messages.findByRoomBetween(roomId, afterId, beforeId);
    }
}
