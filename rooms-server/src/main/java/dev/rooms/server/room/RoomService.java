package dev.rooms.server.room;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.rooms.server.system.DeletionNotices;
import dev.rooms.server.system.Page;
import dev.rooms.server.user.UserDeleted;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

@Service
public class RoomService {

    private final RoomRepository rooms;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ActiveRooms activeRooms;

    RoomService(RoomRepository rooms, ApplicationEventPublisher events, Clock clock,
                ObjectProvider<DeletionNotices> notices) {
        this.rooms = rooms;
        this.events = events;
        this.clock = clock;
        DeletionNotices deletionNotices = notices.getIfAvailable(() -> () -> true);
        this.activeRooms = new ActiveRooms(rooms::isActive, deletionNotices::arriving);
    }

    /**
     * Checks that a room exists and is active.
     *
     * @throws RoomNotFoundException when it does not exist or was deleted
     */
    public void requireActiveRoom(long roomId) {
        if (!rooms.isActive(roomId)) {
            throw new RoomNotFoundException(roomId);
        }
    }

    /**
     * Checks that a room exists and is active as {@link #requireActiveRoom} does, but from what this process
     * already knows when it can ({@link ActiveRooms}: no database round trip for a room checked before, and a
     * deletion, here or in another process, acts at once). For WebSocket handshakes and history reads; a write
     * checks inside its own transaction.
     *
     * @throws RoomNotFoundException when it does not exist or was deleted
     */
    public void requireActiveRoomCached(long roomId) {
        if (!activeRooms.isActive(roomId)) {
            throw new RoomNotFoundException(roomId);
        }
    }

    /** Forgets a room whose deletion the broker announced (made by any process), so it is refused from now on. */
    public void roomDeleted(long roomId) {
        activeRooms.roomDeleted(roomId);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void forgetDeletedRoom(RoomDeleted event) {
        activeRooms.roomDeleted(event.roomId());
    }

    /** Active rooms, oldest first; with a limit one page of them. */
    Page<RoomResponse> listRooms(RoomQuery query) {
        if (query.limit() == null) {
            return new Page<>(rooms.findActive(query, null), false);
        }
        return Page.of(rooms.findActive(query, query.limit() + 1), query.limit());
    }

    RoomResponse getRoom(long roomId) {
        return rooms.findActive(roomId).orElseThrow(() -> new RoomNotFoundException(roomId));
    }

    @Transactional
    RoomResponse createRoom(long creatorId, String name, String description, String roomType) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = rooms.insert(name, description, roomType, creatorId, now);
        return getRoom(id);
    }

    /** Applies the given changes; a {@code null} argument leaves that field as it is. */
    @Transactional
    RoomResponse updateRoom(long roomId, long userId, String name, String description, String roomType) {
        RoomResponse room = getRoom(roomId);
        if (room.creator().id() != userId) {
            throw new NotRoomCreatorException("You can only update rooms you created.");
        }
        rooms.update(roomId,
                name != null ? name : room.name(),
                description != null ? description : room.description(),
                roomType != null ? roomType : room.roomType());
        return getRoom(roomId);
    }

    @Transactional
    void deleteRoom(long roomId, long userId) {
        RoomResponse room = getRoom(roomId);
        if (room.creator().id() != userId) {
            throw new NotRoomCreatorException("You can only delete rooms you created.");
        }
        if (rooms.deactivate(roomId)) {
            events.publishEvent(new RoomDeleted(roomId));
        }
    }

    /**
     * Runs inside the account deletion's transaction (a plain listener is synchronous): the account's rooms
     * go with it, every message in them included, so nothing is left half-deleted.
     */
    @EventListener
    void deleteRoomsOfDeletedUser(UserDeleted event) {
        List<Long> active = rooms.findActiveIdsByCreator(event.userId());
        rooms.deleteAllByCreator(event.userId());
        active.forEach(roomId -> events.publishEvent(new RoomDeleted(roomId)));
    }
}
