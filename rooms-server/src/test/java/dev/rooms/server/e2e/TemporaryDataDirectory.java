package dev.rooms.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each server context a fresh data directory (embedded H2 database, generated JWT secret), removed when
 * the test JVM exits.
 */
class TemporaryDataDirectory implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path dataDir = create();
        context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("e2e-data-dir", Map.of("rooms.data-dir", dataDir.toString())));
    }

    private static Path create() {
        try {
            Path dataDir = Files.createTempDirectory("rooms-e2e");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dataDir)));
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dataDir) {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + dataDir + ": " + e);
        }
    }
}
