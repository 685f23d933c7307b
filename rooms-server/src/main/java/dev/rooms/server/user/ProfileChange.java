package dev.rooms.server.user;

/** A change to one's own profile, trimmed; a null field stays as it is. */
record ProfileChange(String email, String name) {
}
