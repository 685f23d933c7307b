package dev.rooms.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rooms.sdk.internal.AsyncCalls;
import dev.rooms.sdk.internal.HttpApi;
import dev.rooms.sdk.internal.Pages;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.HistoryMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Presence;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The room calls of a {@link RoomsClient}: list, find, create, read, change and delete rooms, read their
 * message history, post, edit and delete messages without a live connection, and see who is connected. Get it from {@link RoomsClient#rooms()}. All need a logged-in user.
 *
 * <p>Every method that returns a {@link List} blocks until the server answered and throws {@link ApiException} (or
 * a subclass) for an error answer and {@link TransportException} when the server could not be reached. The
 * methods that return a {@link Stream} ({@link #listAll}, {@link #messagesAll}) are lazy: they send nothing
 * themselves, and the stream fetches page after page as it is consumed, throwing the same exceptions from the
 * stream operation that needed the page. Every blocking method has an {@code ...Async} twin that returns at once:
 * its {@link CompletableFuture} completes on the client's executor (see {@link RoomsClient.Builder#asyncExecutor})
 * with the result, or fails with that same exception, unwrapped. Thread-safe; each stream is for one thread.
 */
public final class Rooms {

    /** The largest {@code limit} of one page of rooms, messages or search results (the server's maximum). */
    public static final int MAX_LIMIT = 1000;

    private static final TypeReference<Room> ROOM = new TypeReference<>() { };
    private static final TypeReference<List<Room>> ROOM_LIST = new TypeReference<>() { };
    private static final TypeReference<List<Message>> MESSAGE_LIST = new TypeReference<>() { };
    private static final TypeReference<Message> MESSAGE = new TypeReference<>() { };
    private static final TypeReference<EditedMessage> EDITED = new TypeReference<>() { };
    private static final TypeReference<List<Presence>> PRESENCE_LIST = new TypeReference<>() { };
    private static final TypeReference<List<HistoryRow>> HISTORY_WITH_EDITS = new TypeReference<>() { };

    /** The history's shape with {@code include=edited_at}: {@code edited_at} is there on edited messages only. */
    private record HistoryRow(long id, UserSummary user, String content, Instant createdAt, Instant editedAt) {

        HistoryMessage toHistoryMessage() {
            return new HistoryMessage(new Message(id, user, content, createdAt, null), editedAt);
        }
    }

    private final HttpApi api;
    private final AsyncCalls async;

    /** Made by {@link RoomsClient} only. */
    Rooms(HttpApi api, AsyncCalls async) {
        this.api = api;
        this.async = async;
    }

    /**
     * Lists the active rooms, oldest first ({@code GET /api/rooms/}).
     *
     * @return the rooms
     */
    public List<Room> list() {
        return api.get("api/rooms/", Map.of(), ROOM_LIST);
    }

    /**
     * Like {@link #list()}, without blocking.
     *
     * @return the future of the rooms
     */
    public CompletableFuture<List<Room>> listAsync() {
        return async.supply(this::list);
    }

    /**
     * Lists one page of the active rooms that match a query, oldest first ({@code GET /api/rooms/?...}). With a
     * {@link RoomQuery#limit() limit}, the next page starts {@link RoomQuery.Builder#after(long) after} this
     * page's last room; {@link #listAll(RoomQuery)} follows the pages by itself.
     *
     * @param query the filters and page; {@code RoomQuery.builder().build()} for every room
     * @return the page's rooms
     * @throws ValidationException if the server refuses a parameter (field errors name it)
     */
    public List<Room> list(RoomQuery query) {
        return api.get("api/rooms/", Objects.requireNonNull(query, "query == null").parameters(), ROOM_LIST);
    }

    /**
     * Like {@link #list(RoomQuery)}, without blocking.
     *
     * @param query the filters and page
     * @return the future of the page's rooms
     */
    public CompletableFuture<List<Room>> listAsync(RoomQuery query) {
        Objects.requireNonNull(query, "query == null");
        return async.supply(() -> list(query));
    }

    /**
     * Streams every active room that matches a query, oldest first, fetching them a page at a time: the first
     * page is the answer to {@code query}, each further one the URL the previous answer's
     * {@code Link: <...>; rel="next"} header names, as the server wrote it, until an answer has none. The page size
     * is the query's {@link RoomQuery#limit() limit}; without one the server answers with all rooms at once.
     *
     * <p>Lazy: nothing is sent until the first element is needed, and a page only when the consumer reaches it,
     * so {@code listAll(query).limit(10)} or {@code findFirst()} stop early. There is nothing to close. A failed
     * request throws its {@link ApiException} or {@link TransportException} from the stream operation that needed
     * the page; a next link to another server (scheme, host, port or base path) is never followed — that request
     * would carry the user's token — and throws {@link TransportException} instead.
     *
     * @param query the filters and page size
     * @return the rooms, lazily
     */
    public Stream<Room> listAll(RoomQuery query) {
        return Pages.stream(api, api.url("api/rooms/", Objects.requireNonNull(query, "query == null").parameters()),
                ROOM_LIST);
    }

    /**
     * Creates a room owned by the logged-in user ({@code POST /api/rooms/}).
     *
     * @param name        the name, at most 100 characters
     * @param description the description, or {@code null} for none
     * @param type        chat or video
     * @return the new room
     * @throws ValidationException if the name is blank or too long
     */
    public Room create(String name, String description, RoomType type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Objects.requireNonNull(name, "name == null"));
        if (description != null) {
            body.put("description", description);
        }
        body.put("room_type", Objects.requireNonNull(type, "type == null").wireValue());
        return api.post("api/rooms/", body, true, ROOM);
    }

    /**
     * Like {@link #create(String, String, RoomType)}, without blocking.
     *
     * @param name        the name, at most 100 characters
     * @param description the description, or {@code null} for none
     * @param type        chat or video
     * @return the future of the new room
     */
    public CompletableFuture<Room> createAsync(String name, String description, RoomType type) {
        return async.supply(() -> create(name, description, type));
    }

    /**
     * Reads one active room ({@code GET /api/rooms/{id}/}).
     *
     * @param roomId the room
     * @return the room
     * @throws NotFoundException if it does not exist or was deleted
     */
    public Room get(long roomId) {
        return api.get("api/rooms/" + roomId + "/", Map.of(), ROOM);
    }

    /**
     * Like {@link #get(long)}, without blocking.
     *
     * @param roomId the room
     * @return the future of the room
     */
    public CompletableFuture<Room> getAsync(long roomId) {
        return async.supply(() -> get(roomId));
    }

    /**
     * Changes a room's name and/or description ({@code PATCH /api/rooms/{id}/}); what the change does not set stays
     * as it is. Only the creator may do this.
     *
     * @param roomId  the room
     * @param changes the new name, description or both, e.g.
     *                {@code RoomChanges.builder().description("Weekly sync").build()}
     * @return the updated room
     * @throws ForbiddenException if the user did not create the room
     * @throws NotFoundException  if it does not exist or was deleted
     */
    public Room update(long roomId, RoomChanges changes) {
        return api.patch("api/rooms/" + roomId + "/", Objects.requireNonNull(changes, "changes == null").body(), ROOM);
    }

    /**
     * Like {@link #update(long, RoomChanges)}, without blocking.
     *
     * @param roomId  the room
     * @param changes the new name, description or both
     * @return the future of the updated room
     */
    public CompletableFuture<Room> updateAsync(long roomId, RoomChanges changes) {
        Objects.requireNonNull(changes, "changes == null");
        return async.supply(() -> update(roomId, changes));
    }

    /**
     * Changes a room's name and/or description ({@code PATCH /api/rooms/{id}/}); a {@code null} argument leaves
     * that field unchanged. Only the creator may do this.
     *
     * @param roomId      the room
     * @param name        the new name, or {@code null}
     * @param description the new description, or {@code null}
     * @return the updated room
     * @throws IllegalArgumentException if both are {@code null}
     * @throws ForbiddenException       if the user did not create the room
     * @throws NotFoundException        if it does not exist or was deleted
     * @deprecated use {@link #update(long, RoomChanges)}, which names what it changes
     */
    @Deprecated
    public Room update(long roomId, String name, String description) {
        if (name == null && description == null) {
            throw new IllegalArgumentException("nothing to update: name and description are both null");
        }
        RoomChanges.Builder changes = RoomChanges.builder();
        if (name != null) {
            changes.name(name);
        }
        if (description != null) {
            changes.description(description);
        }
        return update(roomId, changes.build());
    }

    /**
     * Deletes a room ({@code DELETE /api/rooms/{id}/}; the server keeps it, inactive). Only the creator may do
     * this; live connections to the room are closed with {@link CloseCodes#ROOM_DELETED}.
     *
     * @param roomId the room
     * @throws ForbiddenException if the user did not create the room
     * @throws NotFoundException  if it does not exist or was already deleted
     */
    public void delete(long roomId) {
        api.delete("api/rooms/" + roomId + "/");
    }

    /**
     * Like {@link #delete(long)}, without blocking.
     *
     * @param roomId the room
     * @return the future that completes when the room is deleted
     */
    public CompletableFuture<Void> deleteAsync(long roomId) {
        return async.run(() -> delete(roomId));
    }

    /**
     * Reads a room's whole message history, oldest first ({@code GET /api/rooms/{id}/messages/}).
     *
     * @param roomId the room
     * @return the messages
     * @throws NotFoundException if the room does not exist or was deleted
     */
    public List<Message> listMessages(long roomId) {
        return api.listMessages(roomId, null, null);
    }

    /**
     * Like {@link #listMessages(long)}, without blocking.
     *
     * @param roomId the room
     * @return the future of the messages
     */
    public CompletableFuture<List<Message>> listMessagesAsync(long roomId) {
        return async.supply(() -> listMessages(roomId));
    }

    /**
     * Reads a room's newest messages, oldest first ({@code GET /api/rooms/{id}/messages/?limit=<limit>}).
     *
     * @param roomId the room
     * @param limit  how many, 1 to {@value #MAX_LIMIT}
     * @return at most {@code limit} messages: the newest ones, oldest first
     * @throws IllegalArgumentException if {@code limit} is out of range
     * @throws NotFoundException        if the room does not exist or was deleted
     * @deprecated use {@link #messages(long, MessageQuery)} with {@code MessageQuery.builder().limit(limit)}
     */
    @Deprecated
    public List<Message> recentMessages(long roomId, int limit) {
        return api.listMessages(roomId, null, checkLimit(limit));
    }

    /**
     * Reads the messages of a room with an id greater than {@code afterId}, oldest first
     * ({@code GET /api/rooms/{id}/messages/?after=<afterId>}).
     *
     * @param roomId  the room
     * @param afterId the last id already seen; 0 for all
     * @return the newer messages
     * @throws NotFoundException if the room does not exist or was deleted
     * @deprecated use {@link #messages(long, MessageQuery)} with {@code MessageQuery.builder().after(afterId)}
     */
    @Deprecated
    public List<Message> listMessagesAfter(long roomId, long afterId) {
        return api.listMessages(roomId, checkAfter(afterId), null);
    }

    /**
     * Reads one page of a room's history: the first {@code limit} messages with an id greater than
     * {@code afterId}, oldest first ({@code GET /api/rooms/{id}/messages/?after=<afterId>&limit=<limit>}). To read
     * a long history page by page, pass the last id of each page as the next {@code afterId} until a page comes
     * back empty.
     *
     * @param roomId  the room
     * @param afterId the last id already seen; 0 to start at the oldest
     * @param limit   the page size, 1 to {@value #MAX_LIMIT}
     * @return at most {@code limit} messages
     * @throws IllegalArgumentException if {@code afterId} or {@code limit} is out of range
     * @throws NotFoundException        if the room does not exist or was deleted
     * @deprecated use {@link #messagesAll(long, MessageQuery)}, which follows the pages by itself, or
     *             {@link #messages(long, MessageQuery)} with {@code MessageQuery.builder().after(afterId).limit(limit)}
     */
    @Deprecated
    public List<Message> listMessagesAfter(long roomId, long afterId, int limit) {
        return api.listMessages(roomId, checkAfter(afterId), checkLimit(limit));
    }

    /**
     * Reads one page of a room's messages that match a query, oldest first
     * ({@code GET /api/rooms/{id}/messages/?...}): the newest {@code limit} of them, or with
     * {@link MessageQuery.Builder#after(long) after} the first {@code limit} after it, or with
     * {@link MessageQuery.Builder#before(long) before} the newest {@code limit} before it — pass a page's first id
     * as the next {@code before} to scroll back.
     *
     * @param roomId the room
     * @param query  the filters and page; {@code MessageQuery.builder().build()} for the whole history
     * @return the page's messages, oldest first
     * @throws ValidationException if the server refuses a parameter (field errors name it)
     * @throws NotFoundException   if the room does not exist or was deleted
     */
    public List<Message> messages(long roomId, MessageQuery query) {
        return api.get(messagesPath(roomId), Objects.requireNonNull(query, "query == null").parameters(),
                MESSAGE_LIST);
    }

    /**
     * Like {@link #messages(long, MessageQuery)}, without blocking.
     *
     * @param roomId the room
     * @param query  the filters and page
     * @return the future of the page's messages, oldest first
     */
    public CompletableFuture<List<Message>> messagesAsync(long roomId, MessageQuery query) {
        Objects.requireNonNull(query, "query == null");
        return async.supply(() -> messages(roomId, query));
    }

    /**
     * Streams every message of a room that matches a query, fetching them a page at a time by following the
     * answers' {@code Link: <...>; rel="next"} headers exactly as the server wrote them, until an answer has none.
     * The Rooms server links {@code next} to the newer page, so the stream reads forward, oldest first: from
     * {@code after(0).limit(500)} a whole history, 500 messages per request; from {@code before(id).limit(n)} that
     * page and then everything newer. {@code limit} alone (the newest messages) has no newer page. Without a limit
     * or {@code before} the server answers with every match at once.
     *
     * <p>Lazy: nothing is sent until the first element is needed, and a page only when the consumer reaches it.
     * There is nothing to close. A failed request throws its {@link ApiException} (e.g. {@link NotFoundException}
     * when the room is deleted meanwhile) or {@link TransportException} from the stream operation that needed the
     * page; a next link to another server is never followed and throws {@link TransportException}.
     *
     * @param roomId the room
     * @param query  the filters and page size
     * @return the messages, lazily
     */
    public Stream<Message> messagesAll(long roomId, MessageQuery query) {
        return Pages.stream(api, api.url(messagesPath(roomId),
                Objects.requireNonNull(query, "query == null").parameters()), MESSAGE_LIST);
    }

    /**
     * Posts a chat message without a live connection ({@code POST /api/rooms/{id}/messages/}): the server stores
     * it and broadcasts it to the room's live connections like a message sent on one. The SDK sends a random
     * {@code Idempotency-Key} and, if the connection fails before the answer comes, sends the request again with
     * the same key (twice at most), so a retry can never post the message twice. A Rooms extension.
     *
     * @param roomId  the room
     * @param content the text; the server takes a non-blank string of up to 16,000 characters by default
     * @return the stored message ({@link Message#nonce()} is {@code null})
     * @throws ValidationException if the server refuses the content ({@code content: This field may not be blank.})
     * @throws NotFoundException   if the room does not exist or was deleted
     * @throws TransportException  if every attempt failed to get an answer: the message may or may not be stored;
     *                             {@link #post(long, String, String)} with a key of your own lets you retry later
     */
    public Message post(long roomId, String content) {
        return post(roomId, content, UUID.randomUUID().toString());
    }

    /**
     * Like {@link #post(long, String)}, without blocking.
     *
     * @param roomId  the room
     * @param content the text
     * @return the future of the stored message
     */
    public CompletableFuture<Message> postAsync(long roomId, String content) {
        return async.supply(() -> post(roomId, content));
    }

    /**
     * Posts a chat message with an {@code Idempotency-Key} of the caller's choosing, like {@link #post(long, String)}:
     * a call repeated with the same key within 24 hours — after a restart, say — returns the message the first one
     * posted and posts nothing.
     *
     * @param roomId         the room
     * @param content        the text
     * @param idempotencyKey 1 to 255 characters, unique per message (a UUID, say)
     * @return the stored message, the original one for a repeated key
     * @throws ApiException       status 422 if the key was used for a message in another room
     * @throws NotFoundException  if the room does not exist or was deleted
     * @throws TransportException if every attempt failed to get an answer
     */
    public Message post(long roomId, String content, String idempotencyKey) {
        Objects.requireNonNull(content, "content == null");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey == null");
        return api.postIdempotent(messagesPath(roomId), Map.of("content", content), idempotencyKey, MESSAGE);
    }

    /**
     * Like {@link #messages(long, MessageQuery)}, with when each message was last edited: asks for
     * {@code include=edited_at}, a Rooms extension (a server without it answers {@code 400}).
     *
     * @param roomId the room
     * @param query  the filters and page; {@code MessageQuery.builder().build()} for the whole history
     * @return the page's messages, oldest first, each with its edit time or none
     * @throws ValidationException if the server refuses a parameter (field errors name it)
     * @throws NotFoundException   if the room does not exist or was deleted
     */
    public List<HistoryMessage> messagesWithEdits(long roomId, MessageQuery query) {
        Map<String, String> parameters = new LinkedHashMap<>(
                Objects.requireNonNull(query, "query == null").parameters());
        parameters.put("include", "edited_at");
        return api.get(messagesPath(roomId), parameters, HISTORY_WITH_EDITS).stream()
                .map(HistoryRow::toHistoryMessage).toList();
    }

    /**
     * Like {@link #messagesWithEdits(long, MessageQuery)}, without blocking.
     *
     * @param roomId the room
     * @param query  the filters and page
     * @return the future of the page's messages, oldest first, each with its edit time or none
     */
    public CompletableFuture<List<HistoryMessage>> messagesWithEditsAsync(long roomId, MessageQuery query) {
        Objects.requireNonNull(query, "query == null");
        return async.supply(() -> messagesWithEdits(roomId, query));
    }

    /**
     * Replaces the content of one of the user's own messages ({@code PATCH /api/rooms/{id}/messages/{message_id}/});
     * connections that asked for {@link LiveEvent#EDITS} hear it. A Rooms extension.
     *
     * @param roomId    the room
     * @param messageId the message
     * @param content   the new text
     * @return the message with its new content and edit time
     * @throws ForbiddenException  if the user did not write the message
     * @throws NotFoundException   if the room or the message (in that room) does not exist
     * @throws ValidationException if the server refuses the content
     */
    public EditedMessage edit(long roomId, long messageId, String content) {
        Objects.requireNonNull(content, "content == null");
        return api.patch(messagesPath(roomId) + messageId + "/", Map.of("content", content), EDITED);
    }

    /**
     * Like {@link #edit(long, long, String)}, without blocking.
     *
     * @param roomId    the room
     * @param messageId the message
     * @param content   the new text
     * @return the future of the edited message
     */
    public CompletableFuture<EditedMessage> editAsync(long roomId, long messageId, String content) {
        return async.supply(() -> edit(roomId, messageId, content));
    }

    /**
     * Deletes a message from the room's history ({@code DELETE /api/rooms/{id}/messages/{message_id}/}); its author
     * and the room's creator may. Connections that asked for {@link LiveEvent#EDITS} hear it. A Rooms extension.
     *
     * @param roomId    the room
     * @param messageId the message
     * @throws ForbiddenException if the user neither wrote the message nor created the room
     * @throws NotFoundException  if the room or the message (in that room) does not exist
     */
    public void deleteMessage(long roomId, long messageId) {
        api.delete(messagesPath(roomId) + messageId + "/");
    }

    /**
     * Like {@link #deleteMessage(long, long)}, without blocking.
     *
     * @param roomId    the room
     * @param messageId the message
     * @return the future that completes when the message is deleted
     */
    public CompletableFuture<Void> deleteMessageAsync(long roomId, long messageId) {
        return async.run(() -> deleteMessage(roomId, messageId));
    }

    /**
     * Lists who is connected to the room now, on every server process, earliest arrival first
     * ({@code GET /api/rooms/{id}/presence/}). A Rooms extension.
     *
     * @param roomId the room
     * @return one entry per user, with how many connections they have open
     * @throws NotFoundException if the room does not exist or was deleted
     */
    public List<Presence> presence(long roomId) {
        return api.get("api/rooms/" + roomId + "/presence/", Map.of(), PRESENCE_LIST);
    }

    /**
     * Like {@link #presence(long)}, without blocking.
     *
     * @param roomId the room
     * @return the future of the entries
     */
    public CompletableFuture<List<Presence>> presenceAsync(long roomId) {
        return async.supply(() -> presence(roomId));
    }

    private static String messagesPath(long roomId) {
        return "api/rooms/" + roomId + "/messages/";
    }

    private static long checkAfter(long afterId) {
        if (afterId < 0) {
            throw new IllegalArgumentException("afterId < 0: " + afterId);
        }
        return afterId;
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
        return limit;
    }
}
