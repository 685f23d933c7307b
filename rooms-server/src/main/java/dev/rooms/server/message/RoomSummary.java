package dev.rooms.server.message;

/** The room of a search result: {@code {"id": 3, "name": "General"}}. */
record RoomSummary(long id, String name) {
}
