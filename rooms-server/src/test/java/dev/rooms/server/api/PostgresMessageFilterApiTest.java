package dev.rooms.server.api;

@PostgresServer
class PostgresMessageFilterApiTest extends MessageFilterApiTests {
}
