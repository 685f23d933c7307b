package dev.rooms.server.api;

@PostgresServer
class PostgresAuthApiTest extends AuthApiTests {
}
