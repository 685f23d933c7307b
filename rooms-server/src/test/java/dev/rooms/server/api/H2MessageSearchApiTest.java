package dev.rooms.server.api;

@H2Server
class H2MessageSearchApiTest extends MessageSearchApiTests {
}
