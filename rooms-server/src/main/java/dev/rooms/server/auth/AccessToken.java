package dev.rooms.server.auth;

import java.time.Instant;

/** A verified access token: whose it is and when it stops being valid. */
public record AccessToken(long userId, Instant expiresAt) {
}
