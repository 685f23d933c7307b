package dev.rooms.server.api;

@PostgresServer
class PostgresMessageSearchApiTest extends MessageSearchApiTests {
}
