package dev.rooms.server.system;

import java.util.Arrays;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the schema on start-up, but first refuses a database that a newer release already migrated
 * beyond what this node knows. Flyway by itself ignores such "future" migrations, so an older node would
 * start and run against a schema it was not written for, next to newer nodes.
 */
final class SchemaVersionCheck implements FlywayMigrationStrategy {

    @Override
    public void migrate(Flyway flyway) {
        MigrationInfoService migrations = flyway.info();
        MigrationVersion known = Arrays.stream(migrations.all())
                .filter(info -> info.getType() != null && info.getState().isResolved() && info.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElse(MigrationVersion.EMPTY);
        List<String> future = Arrays.stream(migrations.applied())
                .filter(info -> info.getVersion() != null && info.getVersion().isNewerThan(known.getVersion()))
                .map(info -> info.getVersion().getVersion())
                .toList();
        if (!future.isEmpty()) {
            throw new SchemaTooNewException(known.getVersion(), future);
        }
        flyway.migrate();
    }
}
