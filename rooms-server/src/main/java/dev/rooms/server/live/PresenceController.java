package dev.rooms.server.live;

import java.util.List;

import dev.rooms.server.room.RoomService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Who is connected to a room now, on any server process (an extension of the spec). */
@RestController
class PresenceController {

    private final RoomPresence presence;
    private final RoomService rooms;

    PresenceController(RoomPresence presence, RoomService rooms) {
        this.presence = presence;
        this.rooms = rooms;
    }

    @GetMapping("/api/rooms/{roomId}/presence/")
    List<PresenceResponse> present(@PathVariable long roomId) {
        rooms.requireActiveRoom(roomId);
        return presence.present(roomId);
    }
}
