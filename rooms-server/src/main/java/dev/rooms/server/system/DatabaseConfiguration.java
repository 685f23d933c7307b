package dev.rooms.server.system;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

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
     * Every commit on the embedded database is written to its file before it returns
     * ({@link CheckpointingTransactionManager}), so what the server confirmed survives a crash of the server
     * process, and so does the state of the id sequences: H2 commits a reserve of ids ahead before it hands
     * out the first of them, so after a crash it goes on above every id it ever gave. Elsewhere the database
     * makes commits durable itself.
     */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, RoomsProperties rooms, DatabaseProperties database,
                                              DataSourceProperties standard) {
        return embedded(rooms, standard)
                ? new CheckpointingTransactionManager(dataSource, database.groupCommitWindow())
                : new JdbcTransactionManager(dataSource);
    }

    private static boolean embedded(RoomsProperties rooms, DataSourceProperties standard) {
        return (rooms.databaseUrl() == null || rooms.databaseUrl().isBlank()) && standard.getUrl() == null;
    }

    /**
     * The embedded database's URL. With {@code syncOnCommit} the file is written through
     * {@link DataSyncFilePath}, so a commit is on the disk, not only in the operating system's cache.
     */
    private static String embeddedUrl(Path database, boolean syncOnCommit) {
        String file = database.toString();
        if (syncOnCommit) {
            DataSyncFilePath.register();
            file = DataSyncFilePath.SCHEME + ":" + file;
        }
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
