package dev.rooms.server.user;

import java.time.Instant;

/** The account as {@code /auth/register/} and {@code /auth/profile/} show it: never the password. */
public record ProfileResponse(long id, String email, String name, Instant dateJoined) {
}
