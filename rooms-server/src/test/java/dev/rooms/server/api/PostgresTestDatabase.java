package dev.rooms.server.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import dev.rooms.testing.TestTokens;
import dev.rooms.testing.RequiredServices;
import dev.rooms.testing.TestTokens;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real PostgreSQL from {@code ROOMS_TEST_POSTGRES_*}, with a fresh schema per test run (dropped when the
 * JVM exits) so that runs never see each other's data.
 */
class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String URL = RequiredServices.POSTGRES_URL;

    private static String schema;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("postgres-test", Map.of(
                    "spring.datasource.url", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema(),
                    "spring.datasource.username", RequiredServices.POSTGRES_USER,
                    "spring.datasource.password", RequiredServices.POSTGRES_PASSWORD,
                    "rooms.data-dir", Files.createTempDirectory("rooms-pg-test").toString(),
                    "rooms.jwt-secret", TestTokens.SECRET)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized String schema() {
        if (schema == null) {
            String name = "rooms_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            createTrigramExtension();
            execute("CREATE SCHEMA " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> execute("DROP SCHEMA IF EXISTS " + name + " CASCADE")));
            schema = name;
        }
        return schema;
    }

    /**
     * pg_trgm in {@code public}, once per database: created by a migration in a test schema instead, it would go
     * when that schema is dropped, taking the trigram indexes of a test run in parallel with it.
     */
    private static void createTrigramExtension() {
        try {
            execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public");
        } catch (IllegalStateException e) {
            // Another run creating it at the same moment, or no pg_trgm at all: the migration copes with both.
            System.err.println("pg_trgm not created in public: " + e.getCause().getMessage());
        }
    }

    private static void execute(String sql) {
        RequiredServices.executePostgres(sql);
    }
}
