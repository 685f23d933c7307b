package dev.rooms.cli;

import dev.rooms.server.RoomsServerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(TestServer.class.getName(), key -> start(), Running.class);
        port = running.port();
    }

    /** Another server, with extra arguments (e.g. tight rate limits); the caller closes it. */
    static Running start(String... extraArguments) {
        try {
            Path data = Files.createTempDirectory("rooms-cli-test-server");
            List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                    "--rooms.data-dir=" + data,
                    "--spring.datasource.url=jdbc:h2:mem:cli-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "--logging.level.root=WARN"));
            arguments.addAll(List.of(extraArguments));
            ConfigurableApplicationContext server = new SpringApplicationBuilder(RoomsServerApplication.class)
                    .run(arguments.toArray(String[]::new));
            int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
            return new Running(server, port);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Running(ConfigurableApplicationContext server, int port) implements AutoCloseable {

        String url() {
            return "http://localhost:" + port;
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
