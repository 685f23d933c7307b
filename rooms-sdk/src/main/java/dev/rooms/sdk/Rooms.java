package dev.rooms.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rooms.sdk.internal.HttpApi;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The room calls of a {@link RoomsClient}: list, create, read, change and delete rooms, and read their message
 * history. Get it from {@link RoomsClient#rooms()}. All need a logged-in user.
 *
 * <p>Every method blocks until the server answered and throws {@link ApiException} (or a subclass) for an error
 * answer and {@link TransportException} when the server could not be reached. Thread-safe.
 */
public final class Rooms {

    /** The most messages one history call returns when given a limit (the server's maximum). */
    public static final int MAX_LIMIT = 1000;

    private static final TypeReference<Room> ROOM = new TypeReference<>() { };
    private static final TypeReference<List<Room>> ROOM_LIST = new TypeReference<>() { };

    private final HttpApi api;

    /** Made by {@link RoomsClient} only. */
    Rooms(HttpApi api) {
        this.api = api;
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
     */
    public Room update(long roomId, String name, String description) {
        if (name == null && description == null) {
            throw new IllegalArgumentException("nothing to update: name and description are both null");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        if (description != null) {
            body.put("description", description);
        }
        return api.patch("api/rooms/" + roomId + "/", body, ROOM);
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
     * Reads a room's newest messages, oldest first ({@code GET /api/rooms/{id}/messages/?limit=<limit>}).
     *
     * @param roomId the room
     * @param limit  how many, 1 to {@value #MAX_LIMIT}
     * @return at most {@code limit} messages: the newest ones, oldest first
     * @throws IllegalArgumentException if {@code limit} is out of range
     * @throws NotFoundException        if the room does not exist or was deleted
     */
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
     */
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
     */
    public List<Message> listMessagesAfter(long roomId, long afterId, int limit) {
        return api.listMessages(roomId, checkAfter(afterId), checkLimit(limit));
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
