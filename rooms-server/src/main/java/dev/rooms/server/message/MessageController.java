package dev.rooms.server.message;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.rooms.server.system.JsonFields;
import dev.rooms.server.system.Page;
import dev.rooms.server.system.PageLinks;
import dev.rooms.server.system.QueryParameters;
import dev.rooms.server.system.RenderedAnswers;
import dev.rooms.server.system.StatusException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
class MessageController {

    private static final String HISTORY = "/api/rooms/{roomId}/messages/";

    /** What {@code include=} may add to a history's messages (an extension: without it, the spec's shape). */
    private static final Set<String> INCLUDABLE = Set.of("edited_at");

    /** Page size of {@code before} without {@code limit}, and of a search. */
    static final int DEFAULT_PAGE_SIZE = 50;

    private static final String MESSAGE = HISTORY + "{messageId}/";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    /** How long a REST post waits for its room's queue to store it before answering 503. */
    private static final Duration POST_TIMEOUT = Duration.ofSeconds(30);

    private final MessageService messages;
    private final ChatQueue chat;
    private final JsonMapper json;
    private final RenderedAnswers answers;

    MessageController(MessageService messages, ChatQueue chat, JsonMapper json, RenderedAnswers answers) {
        this.messages = messages;
        this.chat = chat;
        this.json = json;
        this.answers = answers;
    }

    /**
     * Posts a chat message through the room's queue, like a socket's message: stored, then broadcast to the room
     * in the history shape. With an {@code Idempotency-Key} a retry within 24 hours gets the original message
     * back (with {@code Idempotent-Replayed: true}) and posts nothing.
     */
    @PostMapping(HISTORY)
    ResponseEntity<MessageResponse> postMessage(@PathVariable long roomId, @AuthenticationPrincipal Long userId,
                                                @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
                                                @RequestBody(required = false) JsonNode body) {
        messages.requireActiveRoom(roomId);
        checkIdempotencyKey(key);
        JsonFields fields = JsonFields.of(body);
        String content = fields.untrimmedText("content", chat.maxContentLength());
        fields.throwIfInvalid();
        if (key != null) {
            Optional<ResponseEntity<MessageResponse>> replay = replay(roomId, userId, key);
            if (replay.isPresent()) {
                return replay.get();
            }
        }

        try {
            MessageResponse posted = chat.post(roomId, new NewMessage(userId, content, key))
                    .get(POST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return ResponseEntity.status(HttpStatus.CREATED).body(posted);
        } catch (ExecutionException e) {
            // Not stored: a concurrent retry with the same key won, or the room went away meanwhile.
            if (key != null) {
                Optional<ResponseEntity<MessageResponse>> replay = replay(roomId, userId, key);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            messages.requireActiveRoom(roomId);
            throw new IllegalStateException("Posting to room " + roomId + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new StatusException(HttpStatus.SERVICE_UNAVAILABLE, "Room overloaded, try again later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StatusException(HttpStatus.SERVICE_UNAVAILABLE, "Room overloaded, try again later.");
        }
    }

    private static void checkIdempotencyKey(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw new StatusException(HttpStatus.BAD_REQUEST,
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters.");
        }
    }

    /** The original answer for a key already used, or 422 if it was used for another room. */
    private Optional<ResponseEntity<MessageResponse>> replay(long roomId, long userId, String key) {
        return messages.findByIdempotencyKey(userId, key).map(original -> {
            if (original.roomId() != roomId) {
                throw new StatusException(HttpStatus.UNPROCESSABLE_CONTENT,
                        "This Idempotency-Key was already used for a message in another room.");
            }
            return ResponseEntity.status(HttpStatus.CREATED).header(REPLAYED, "true")
                    .body(original.message().withoutEditedAt());
        });
    }

    /** Replaces a message's content; only its author may. Answers the message with {@code edited_at}. */
    @PatchMapping(MESSAGE)
    MessageResponse editMessage(@PathVariable long roomId, @PathVariable long messageId,
                                @AuthenticationPrincipal Long userId, @RequestBody(required = false) JsonNode body) {
        messages.requireAuthor(roomId, messageId, userId);
        JsonFields fields = JsonFields.of(body);
        String content = fields.untrimmedText("content", chat.maxContentLength());
        fields.throwIfInvalid();
        return messages.editMessage(roomId, messageId, userId, content);
    }

    /** Deletes a message from the history; its author or the room's creator may. */
    @DeleteMapping(MESSAGE)
    ResponseEntity<Void> deleteMessage(@PathVariable long roomId, @PathVariable long messageId,
                                       @AuthenticationPrincipal Long userId) {
        messages.deleteMessage(roomId, messageId, userId);
        return ResponseEntity.noContent().build();
    }

    /**
     * A room's whole history after {@code after} (all of it without), oldest first, with optional filters
     * ({@code user}, {@code since}, {@code until}, {@code search}): the spec's unpaged answer, streamed. Without
     * parameters, the answer of a short history is kept until the next write ({@link RenderedAnswers}).
     * {@code produces}: a client that accepts no JSON falls through to the other mapping and its 406, as everywhere.
     */
    @GetMapping(path = HISTORY, params = {"!limit", "!before"}, produces = MediaType.APPLICATION_JSON_VALUE)
    void listMessages(@PathVariable long roomId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HistoryRequest history = HistoryRequest.read(roomId, request);
        RenderedAnswers.Renderer renderer = body -> {
            messages.requireReadableRoom(roomId);
            streamHistory(history, body);
        };
        if (!answers.answer(request, response, "history " + roomId, renderer)) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            renderer.render(response.getOutputStream());
        }
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
        List<MessageResponse> found = page.messages().stream().map(history::shape).toList();
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
     * decides how much memory an answer takes. Written on the request's own thread, in one read-only
     * transaction: handing it to another thread (an asynchronous response) cost a second dispatch through every
     * filter and a thread switch per request, more than a short history takes to write (README-bench).
     */
    private void streamHistory(HistoryRequest history, OutputStream out) {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            messages.forEachMessage(history.filter(), history.afterId(),
                    message -> json.writeValue(generator, history.shape(message)));
            generator.writeEndArray();
        }
    }

    /** The parameters of a history request, all checked before any is used, so one 400 names every bad one. */
    private record HistoryRequest(MessageFilter filter, Long afterId, Long beforeId, Integer limit,
                                  boolean withEditedAt) {

        /** The message as asked for: {@code edited_at} only with {@code include=edited_at}. */
        MessageResponse shape(MessageResponse message) {
            return withEditedAt ? message : message.withoutEditedAt();
        }

        static HistoryRequest read(long roomId, HttpServletRequest request) {
            QueryParameters parameters = QueryParameters.of(request);
            Long afterId = parameters.integer("after");
            Long beforeId = parameters.integer("before");
            Integer limit = parameters.limit();
            boolean withEditedAt = parameters.choice("include", INCLUDABLE) != null;
            MessageFilter filter = new MessageFilter(roomId, parameters.integer("user"), parameters.instant("since"),
                    parameters.instant("until"), parameters.searchTerm("search"));
            parameters.throwIfInvalid();
            return new HistoryRequest(filter, afterId, beforeId, limit, withEditedAt);
        }
    }
}
