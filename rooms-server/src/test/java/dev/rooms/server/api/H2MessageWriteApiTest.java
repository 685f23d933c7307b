package dev.rooms.server.api;

@H2Server
class H2MessageWriteApiTest extends MessageWriteApiTests {
}
