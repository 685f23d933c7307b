package dev.rooms.server.user;

import java.time.Instant;

record User(long id, String email, String name, String passwordHash, Instant dateJoined) {

    ProfileResponse toProfile() {
        return new ProfileResponse(id, email, name, dateJoined);
    }
}
