package dev.rooms.server.room;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.rooms.server.system.Page;
import dev.rooms.server.user.UserDeleted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class RoomService {

    private final RoomRepository rooms;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    RoomService(RoomRepository rooms, ApplicationEventPublisher events, Clock clock) {
        this.rooms = rooms;
        this.events = events;
        this.clock = clock;
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
