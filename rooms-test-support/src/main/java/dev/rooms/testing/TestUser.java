package dev.rooms.testing;

/** A registered and logged-in account, as the tests hold it: its id, credentials' email and name, and tokens. */
public record TestUser(long id, String email, String name, String access, String refresh) {
}
