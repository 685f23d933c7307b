package dev.rooms.server.system;

import java.time.Clock;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** One clock for timestamps and token expiry, so tests and code agree on "now". */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Flyway migrates on start-up, after refusing a schema newer than this release. */
    @Bean
    FlywayMigrationStrategy schemaVersionCheck() {
        return new SchemaVersionCheck();
    }
}
