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
    HikariDataSource dataSource(RoomsProperties rooms, DataSourceProperties standard) {
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
                .url("jdbc:h2:file:" + dir.resolve("rooms") + ";DB_CLOSE_ON_EXIT=FALSE")
                .username("sa")
                .password("")
                .build();
    }
}
