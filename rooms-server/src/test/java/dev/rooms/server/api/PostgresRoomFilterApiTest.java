package dev.rooms.server.api;

@PostgresServer
class PostgresRoomFilterApiTest extends RoomFilterApiTests {
}
