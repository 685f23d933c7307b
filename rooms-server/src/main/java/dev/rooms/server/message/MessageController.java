package dev.rooms.server.message;

import java.util.List;

import dev.rooms.server.system.Page;
import dev.rooms.server.system.PageLinks;
import dev.rooms.server.system.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

@RestController
class MessageController {

    private static final String HISTORY = "/api/rooms/{roomId}/messages/";

    /** Page size of {@code before} without {@code limit}, and of a search. */
    static final int DEFAULT_PAGE_SIZE = 50;

    private final MessageService messages;
    private final JsonMapper json;

    MessageController(MessageService messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /**
     * A room's whole history after {@code after} (all of it without), oldest first, with optional filters
     * ({@code user}, {@code since}, {@code until}, {@code search}): the spec's unpaged answer, streamed.
     */
    @GetMapping(path = HISTORY, params = {"!limit", "!before"})
    ResponseEntity<StreamingResponseBody> listMessages(@PathVariable long roomId, HttpServletRequest request) {
        HistoryRequest history = HistoryRequest.read(roomId, request);
        messages.requireActiveRoom(roomId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(streamHistory(history));
    }

    /**
     * One page of a room's history, oldest first, with {@code Link} headers to the pages around it:
     * {@code rel="prev"} (older, by {@code before}) and {@code rel="next"} (newer, by {@code after}).
     */
    @GetMapping(HISTORY)
    ResponseEntity<List<MessageResponse>> listMessagePage(@PathVariable long roomId, HttpServletRequest request) {
        HistoryRequest history = HistoryRequest.read(roomId, request);
        int limit = history.limit() == null ? DEFAULT_PAGE_SIZE : history.limit();

        HistoryPage page = messages.listMessages(history.filter(), history.afterId(), history.beforeId(), limit);
        List<MessageResponse> found = page.messages();
        PageLinks links = PageLinks.of(request);
        if (page.older()) {
            links.add("prev", "before", found.get(0).id(), false);
        }
        if (page.newer()) {
            // Paging forward inside a window keeps its upper bound; paging back out of one does not.
            links.add("next", "after", found.get(found.size() - 1).id(), history.afterId() != null);
        }
        return ResponseEntity.ok().headers(links.headers()).body(found);
    }

    /**
     * Messages of every active room that contain {@code q} (case-insensitive), newest first, with optional
     * {@code room}, {@code user}, {@code since}, {@code until} filters; {@code Link: rel="next"} (by
     * {@code before}) while more remain.
     */
    @GetMapping("/api/messages/search/")
    ResponseEntity<List<FoundMessage>> searchMessages(HttpServletRequest request) {
        QueryParameters parameters = QueryParameters.of(request);
        String text = parameters.requiredSearchTerm("q");
        MessageFilter filter = new MessageFilter(parameters.integer("room"), parameters.integer("user"),
                parameters.instant("since"), parameters.instant("until"), text);
        Long beforeId = parameters.integer("before");
        Integer limit = parameters.limit();
        parameters.throwIfInvalid();

        Page<FoundMessage> page = messages.searchMessages(filter, beforeId, limit == null ? DEFAULT_PAGE_SIZE : limit);
        PageLinks links = PageLinks.of(request);
        if (page.more()) {
            links.add("next", "before", page.items().get(page.items().size() - 1).id(), false);
        }
        return ResponseEntity.ok().headers(links.headers()).body(page.items());
    }

    /**
     * The history as one JSON array written while it is read from the database, so a room's size never
     * decides how much memory an answer takes. It runs after the handler returned, in its own transaction.
     */
    private StreamingResponseBody streamHistory(HistoryRequest history) {
        return out -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartArray();
                messages.forEachMessage(history.filter(), history.afterId(),
                        message -> json.writeValue(generator, message));
                generator.writeEndArray();
            }
        };
    }

    /** The parameters of a history request, all checked before any is used, so one 400 names every bad one. */
    private record HistoryRequest(MessageFilter filter, Long afterId, Long beforeId, Integer limit) {

        static HistoryRequest read(long roomId, HttpServletRequest request) {
            QueryParameters parameters = QueryParameters.of(request);
            Long afterId = parameters.integer("after");
            Long beforeId = parameters.integer("before");
            Integer limit = parameters.limit();
            MessageFilter filter = new MessageFilter(roomId, parameters.integer("user"), parameters.instant("since"),
                    parameters.instant("until"), parameters.searchTerm("search"));
            parameters.throwIfInvalid();
            return new HistoryRequest(filter, afterId, beforeId, limit);
        }
    }
}
