package dev.rooms.server.room;

/**
 * Filters and page of {@code GET /api/rooms/}; {@code null} leaves a filter out.
 *
 * @param search  case-insensitive, anywhere in the name or the description
 * @param afterId only rooms with a greater id
 * @param limit   at most this many, or {@code null} for every match
 */
record RoomQuery(String roomType, String search, Long creatorId, Long afterId, Integer limit) {
}
