package dev.rooms.server.live;

/** A chat message a client sent, waiting to be persisted. */
record ChatPost(long userId, String content, String nonce) {
}
