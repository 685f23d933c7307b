package dev.rooms.server.system;

import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the database: {@code rooms.database-url} if given, else the standard {@code spring.datasource.*}
 * settings, else an H2 file database in the data directory (the zero-configuration default).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(RoomsProperties rooms, DatabaseProperties database, DataSourceProperties standard) {
        if (rooms.databaseUrl() != null && !rooms.databaseUrl().isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(rooms.databaseUrl().strip());
            return DataSourceBuilder.create()
                    .type(HikariDataSource.class)
                    .url(url.jdbcUrl())
                    .username(url.username() != null ? url.username() : standard.getUsername())
                    .password(url.password() != null ? url.password() : standard.getPassword())
                    .build();
        }
        if (standard.getUrl() != null) {
            return standard.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
        Path dir = DataDirectory.create(rooms.dataDir().toAbsolutePath().normalize());
        return DataSourceBuilder.create()
                .type(HikariDataSource.class)
                .url(embeddedUrl(dir.resolve("rooms"), database.syncOnCommit()))
                .username("sa")
                .password("")
                .build();
    }

    /**
     * The embedded database's URL. {@code WRITE_DELAY=0}: H2 writes each commit to the file before the commit
     * returns (by default it writes up to half a second later), so what the server confirmed (a broadcast
     * message, an HTTP answer) survives a crash of the server process, and so does the state of the id
     * sequences: H2 commits a reserve of ids ahead (32) before it hands out the first of them, so after a crash
     * it goes on above every id it ever gave.
     * With {@code syncOnCommit} the file is written through {@link DataSyncFilePath}, so the commit is on the
     * disk, not only in the operating system's cache.
     */
    private static String embeddedUrl(Path database, boolean syncOnCommit) {
        String file = database.toString();
        if (syncOnCommit) {
            DataSyncFilePath.register();
            file = DataSyncFilePath.SCHEME + ":" + file;
        }
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }
}
