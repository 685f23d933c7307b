package dev.rooms.server.system;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Server-wide settings under {@code rooms.*}; every one can be set from the environment
 * ({@code ROOMS_PORT}, {@code ROOMS_DATA_DIR}, {@code ROOMS_DATABASE_URL}, {@code ROOMS_MAX_REQUEST_BODY}).
 *
 * @param port           HTTP port (applied through {@code server.port})
 * @param dataDir        where the embedded database and the generated signing secret live
 * @param databaseUrl    optional external database, {@code postgres://user:pass@host:port/db} or a JDBC URL
 * @param maxRequestBody largest accepted request body
 */
@ConfigurationProperties("rooms")
public record RoomsProperties(
        @DefaultValue("8000") int port,
        @DefaultValue("./data") Path dataDir,
        String databaseUrl,
        @DefaultValue("64KB") DataSize maxRequestBody) {
}
