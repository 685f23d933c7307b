package dev.rooms.server.api;

@PostgresServer
class PostgresRoomApiTest extends RoomApiTests {
}
