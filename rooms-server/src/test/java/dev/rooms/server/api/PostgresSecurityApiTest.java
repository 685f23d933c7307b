package dev.rooms.server.api;

@PostgresServer
class PostgresSecurityApiTest extends SecurityApiTests {
}
