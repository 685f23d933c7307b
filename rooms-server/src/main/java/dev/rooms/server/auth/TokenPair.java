package dev.rooms.server.auth;

record TokenPair(String refresh, String access) {
}
