package dev.rooms.server.live;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's rule for tests that need PostgreSQL or Redis: skip with the reason printed when the service
 * is not there, except in CI ({@code CI=true}), where nothing may be skipped and the test fails instead.
 */
public final class RequiredServices {

    static final String POSTGRES_URL = env("ROOMS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/rooms_test");
    static final String POSTGRES_USER = env("ROOMS_TEST_POSTGRES_USER", "rooms");
    static final String POSTGRES_PASSWORD = env("ROOMS_TEST_POSTGRES_PASSWORD", "rooms");
    static final String REDIS_URL = env("ROOMS_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private RequiredServices() {
    }

    static void requirePostgres() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            missing("PostgreSQL at " + POSTGRES_URL + " is unreachable: " + e.getMessage());
        }
    }

    /**
     * Creates an empty PostgreSQL database (for a server the test starts on it) and returns its JDBC URL;
     * {@link #dropPostgresDatabase(String)} removes it again.
     */
    static String createPostgresDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        postgresAdmin("CREATE DATABASE " + name);
        return POSTGRES_URL.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name);
    }

    /** Drops a database made by {@link #createPostgresDatabase(String)}, even with connections still open. */
    static void dropPostgresDatabase(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        postgresAdmin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void postgresAdmin(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + " failed", e);
        }
    }

    static void requireRedis() {
        try (var client = io.lettuce.core.RedisClient.create(REDIS_URL); var connection = client.connect()) {
            connection.sync().ping();
        } catch (RuntimeException e) {
            missing("Redis at " + REDIS_URL + " is unreachable: " + e.getMessage());
        }
    }

    static void requireRedisServerBinary() {
        requireExecutable("redis-server");
    }

    /** The absolute path of a program on {@code PATH} (the browser tests need node, npm and chromium). */
    public static String requireExecutable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File program = new File(dir, name);
            if (program.canExecute()) {
                return program.getAbsolutePath();
            }
        }
        missing(name + " is not on PATH");
        throw new AssertionError("unreachable: missing() aborts or fails");
    }

    private static void missing(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true: required)");
        }
        System.err.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
