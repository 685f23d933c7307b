package dev.rooms.server.api;

@PostgresServer
class PostgresChatStoreTest extends ChatStoreTests {

    @Override
    boolean sharedDatabase() {
        return true;
    }
}
