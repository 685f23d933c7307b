package dev.rooms.testing;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's rule for tests that need PostgreSQL, Redis or a program: skip with the reason printed when it is
 * not there, except in CI ({@code CI=true}), where nothing may be skipped and the test fails instead. For whole
 * test classes on PostgreSQL, {@link RequiresPostgres} applies the same rule as a JUnit condition.
 */
public final class RequiredServices {

    public static final String POSTGRES_URL = env("ROOMS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/rooms_test");
    public static final String POSTGRES_USER = env("ROOMS_TEST_POSTGRES_USER", "rooms");
    public static final String POSTGRES_PASSWORD = env("ROOMS_TEST_POSTGRES_PASSWORD", "rooms");
    public static final String REDIS_URL = env("ROOMS_TEST_REDIS_URL", "redis://127.0.0.1:6379");

    private RequiredServices() {
    }

    /** A connection to the test database; fails within a few seconds when PostgreSQL does not answer. */
    public static Connection connectPostgres() throws SQLException {
        DriverManager.setLoginTimeout(3);
        return DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
    }

    public static void requirePostgres() {
        try (Connection ignored = connectPostgres()) {
            // reachable
        } catch (SQLException e) {
            missing("PostgreSQL at " + POSTGRES_URL + " is unreachable: " + e.getMessage());
        }
    }

    /**
     * Creates an empty PostgreSQL database (for a server the test starts on it) and returns its JDBC URL;
     * {@link #dropPostgresDatabase(String)} removes it again.
     */
    public static String createPostgresDatabase(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        executePostgres("CREATE DATABASE " + name);
        return POSTGRES_URL.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name);
    }

    /** Drops a database made by {@link #createPostgresDatabase(String)}, even with connections still open. */
    public static void dropPostgresDatabase(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        executePostgres("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs one statement on the test database as the test role. */
    public static void executePostgres(String sql) {
        try (Connection connection = connectPostgres(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL: " + sql + " failed", e);
        }
    }

    public static void requireRedis() {
        try (var client = io.lettuce.core.RedisClient.create(REDIS_URL); var connection = client.connect()) {
            connection.sync().ping();
        } catch (RuntimeException e) {
            missing("Redis at " + REDIS_URL + " is unreachable: " + e.getMessage());
        }
    }

    public static void requireRedisServerBinary() {
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

    static boolean ci() {
        return "true".equals(System.getenv("CI"));
    }

    private static void missing(String reason) {
        if (ci()) {
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
