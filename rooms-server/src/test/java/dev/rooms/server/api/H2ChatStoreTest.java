package dev.rooms.server.api;

@H2Server
class H2ChatStoreTest extends ChatStoreTests {

    @Override
    boolean sharedDatabase() {
        return false;
    }
}
