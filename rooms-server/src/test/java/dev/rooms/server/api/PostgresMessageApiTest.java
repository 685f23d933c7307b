package dev.rooms.server.api;

@PostgresServer
class PostgresMessageApiTest extends MessageApiTests {
}
