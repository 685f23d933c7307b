package dev.rooms.cli;

import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ServerInstance;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real rooms-server on a random port with an in-memory database, started once for all test classes of the
 * run (the root store closes it at the end).
 */
final class TestServer implements BeforeAllCallback {

    private static volatile int port;

    /** The base URL, e.g. {@code http://localhost:41234}. */
    static String url() {
        return "http://localhost:" + port;
    }

    /** The port it listens on. */
    static int port() {
        return port;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerInstance running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TestServer.class.getName(), key -> start(Map.of()), ServerInstance.class);
        port = running.port();
    }

    /** Another server, with extra properties (e.g. tight rate limits); the caller closes it. */
    static ServerInstance start(Map<String, String> extraProperties) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "spring.datasource.url", "jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "logging.level.root", "WARN"));
        properties.putAll(extraProperties);
        return ServerInstance.start(RoomsServerApplication.class, properties);
    }
}
