package dev.rooms.server.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.rooms.testing.TestTokens;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** The embedded default: an H2 file database in a temporary data directory, one per test JVM. */
class H2TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Path DATA_DIR = createDataDir();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("h2-test", Map.of(
                "rooms.data-dir", DATA_DIR.toString(),
                "rooms.jwt-secret", TestTokens.SECRET)));
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("rooms-h2-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
