package dev.rooms.server.room;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import dev.rooms.server.system.JsonFields;
import dev.rooms.server.system.Page;
import dev.rooms.server.system.PageLinks;
import dev.rooms.server.system.QueryParameters;
import dev.rooms.server.system.RenderedAnswers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/rooms")
class RoomController {

    static final int MAX_NAME_LENGTH = 100;
    static final Set<String> ROOM_TYPES = Set.of("chat", "video");

    private static final RoomQuery EVERY_ROOM = new RoomQuery(null, null, null, null, null);

    private final RoomService rooms;
    private final RenderedAnswers answers;
    private final JsonMapper json;

    RoomController(RoomService rooms, RenderedAnswers answers, JsonMapper json) {
        this.rooms = rooms;
        this.answers = answers;
        this.json = json;
    }

    /**
     * Active rooms, oldest first. Without parameters every room, as the spec lists them; the filters combine,
     * and {@code limit} pages forward by {@code after} with a {@code Link: rel="next"} while more remain.
     * Without parameters the body is written here, kept until the next write ({@link RenderedAnswers}), and null
     * tells Spring MVC the response is complete; the return type still documents the answer (OpenAPI).
     */
    @GetMapping("/")
    ResponseEntity<List<RoomResponse>> listRooms(@AuthenticationPrincipal Long userId, HttpServletRequest request,
                                                 HttpServletResponse response) throws IOException {
        if (answers.answer(request, response, "rooms",
                body -> json.writeValue(body, rooms.listRooms(EVERY_ROOM).items()))) {
            return null;
        }
        QueryParameters parameters = QueryParameters.of(request);
        String roomType = parameters.choice("room_type", ROOM_TYPES);
        String search = parameters.searchTerm("search");
        Long creatorId = creator(parameters, userId);
        Long afterId = parameters.integer("after");
        Integer limit = parameters.limit();
        parameters.throwIfInvalid();

        Page<RoomResponse> page = rooms.listRooms(new RoomQuery(roomType, search, creatorId, afterId, limit));
        PageLinks links = PageLinks.of(request);
        if (page.more()) {
            links.add("next", "after", page.items().get(page.items().size() - 1).id(), false);
        }
        return ResponseEntity.ok().headers(links.headers()).body(page.items());
    }

    /** {@code creator=me} is the caller, otherwise a user id. */
    private static Long creator(QueryParameters parameters, long userId) {
        String creator = parameters.text("creator");
        if (creator == null) {
            return null;
        }
        if (creator.strip().equals("me")) {
            return userId;
        }
        try {
            return Long.parseLong(creator.strip());
        } catch (NumberFormatException e) {
            parameters.reject("creator", "Enter \"me\" or a valid integer.");
            return null;
        }
    }

    /** {@code id}, {@code creator}, {@code created_at} and {@code is_active} in the body are read-only and ignored. */
    @PostMapping("/")
    ResponseEntity<RoomResponse> createRoom(@AuthenticationPrincipal Long userId,
                                            @RequestBody(required = false) JsonNode body) {
        RoomChanges room = RoomChanges.read(body, false);
        RoomResponse created = rooms.createRoom(userId, room.name(),
                room.description() == null ? "" : room.description(), room.roomType());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @GetMapping("/{id}/")
    RoomResponse getRoom(@PathVariable long id) {
        return rooms.getRoom(id);
    }

    @PatchMapping("/{id}/")
    RoomResponse updateRoom(@AuthenticationPrincipal Long userId, @PathVariable long id,
                            @RequestBody(required = false) JsonNode body) {
        return update(userId, id, body, true);
    }

    @PutMapping("/{id}/")
    RoomResponse replaceRoom(@AuthenticationPrincipal Long userId, @PathVariable long id,
                             @RequestBody(required = false) JsonNode body) {
        return update(userId, id, body, false);
    }

    @DeleteMapping("/{id}/")
    ResponseEntity<Void> deleteRoom(@AuthenticationPrincipal Long userId, @PathVariable long id) {
        rooms.deleteRoom(id, userId);
        return ResponseEntity.noContent().build();
    }

    /** The original's order: a missing room is 404, then invalid input 400, and only then a stranger 403. */
    private RoomResponse update(long userId, long id, JsonNode body, boolean partial) {
        rooms.getRoom(id);
        RoomChanges changes = RoomChanges.read(body, partial);
        return rooms.updateRoom(id, userId, changes.name(), changes.description(), changes.roomType());
    }

    /** The writable fields of a room; {@code null} where a partial update leaves a field unchanged. */
    record RoomChanges(String name, String description, String roomType) {

        static RoomChanges read(JsonNode body, boolean partial) {
            JsonFields fields = JsonFields.of(body);
            String name = fields.text("name", !partial, false, MAX_NAME_LENGTH);
            String description = fields.text("description", false, true, Integer.MAX_VALUE);
            String roomType = fields.choice("room_type", !partial, ROOM_TYPES);
            fields.throwIfInvalid();
            return new RoomChanges(name, description, roomType);
        }
    }
}
