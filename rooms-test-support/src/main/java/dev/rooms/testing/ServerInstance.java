package dev.rooms.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole server started in this JVM on a random port with the given properties, for tests that need one of
 * their own or more than one; it signs tokens with {@link TestTokens#SECRET}. {@link ServerProcess} is the
 * server in a JVM of its own, for tests that kill it.
 */
public final class ServerInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private ServerInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /**
     * Starts {@code application} (the server's {@code @SpringBootApplication} class) with {@code properties}
     * added to the defaults: a random port, the test secret and a data directory of its own.
     */
    public static ServerInstance start(Class<?> application, Map<String, String> properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=0");
        arguments.add("--rooms.jwt-secret=" + TestTokens.SECRET);
        if (!properties.containsKey("rooms.data-dir")) {
            arguments.add("--rooms.data-dir=" + temporaryDirectory());
        }
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new ServerInstance(new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new)));
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("rooms-test-server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** The base URL, e.g. {@code http://localhost:41234}. */
    public String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        context.close();
    }
}
