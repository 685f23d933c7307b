package dev.rooms.server.room;

import java.time.Instant;

import dev.rooms.server.user.UserSummary;

record RoomResponse(
        long id,
        String name,
        String description,
        UserSummary creator,
        String roomType,
        Instant createdAt,
        boolean isActive) {
}
