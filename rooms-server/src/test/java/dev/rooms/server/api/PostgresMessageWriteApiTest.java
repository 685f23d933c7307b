package dev.rooms.server.api;

@PostgresServer
class PostgresMessageWriteApiTest extends MessageWriteApiTests {
}
