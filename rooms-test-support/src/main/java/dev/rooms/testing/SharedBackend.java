package dev.rooms.testing;

import java.util.Map;

/**
 * A fresh PostgreSQL database and a Redis channel prefix of its own, for tests that run several servers on one
 * backend (as a cluster does). {@link #create(String)} requires both services ({@link RequiredServices}: skipped,
 * or failed with {@code CI=true}, when one is missing); {@link #close()} drops the database.
 *
 * @param properties the servers' settings: {@code spring.datasource.*} and {@code rooms.redis.*}
 */
public record SharedBackend(String databaseUrl, Map<String, String> properties) implements AutoCloseable {

    public static SharedBackend create(String databasePrefix) {
        RequiredServices.requirePostgres();
        RequiredServices.requireRedis();
        String url = RequiredServices.createPostgresDatabase(databasePrefix);
        return new SharedBackend(url, Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", RequiredServices.POSTGRES_USER,
                "spring.datasource.password", RequiredServices.POSTGRES_PASSWORD,
                "rooms.redis.url", RequiredServices.REDIS_URL,
                // The database's unique name: runs sharing the Redis never see each other's events.
                "rooms.redis.channel-prefix", url.substring(url.lastIndexOf('/') + 1)));
    }

    /** The properties plus {@code extra} (which win). */
    public Map<String, String> with(Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.putAll(extra);
        return Map.copyOf(all);
    }

    @Override
    public void close() {
        RequiredServices.dropPostgresDatabase(databaseUrl);
    }
}
