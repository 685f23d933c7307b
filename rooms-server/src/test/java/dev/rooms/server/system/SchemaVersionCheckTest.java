package dev.rooms.server.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import dev.rooms.server.RoomsServerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaVersionCheckTest {

    private final String database = "jdbc:h2:mem:schema-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private ConfigurableApplicationContext startNode() {
        return new SpringApplicationBuilder(RoomsServerApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + database, "--rooms.jwt-secret=schema-check-secret-0123456789abcdefghij",
                "--logging.level.root=warn");
    }

    @Test
    void databaseMigratedByANewerReleaseThenNodeRefusesToStartSayingWhy() throws Exception {
        startNode().close();
        try (Connection connection = DriverManager.getConnection(database, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " VALUES (100, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'sa', 0, TRUE)");
        }

        assertThatThrownBy(this::startNode)
                .rootCause()
                .isInstanceOf(SchemaTooNewException.class)
                .hasMessageStartingWith("The database schema has migration(s) 99, newer than this node knows (up to 6)");
        assertThat(new SchemaTooNewFailureAnalyzer().analyze(new SchemaTooNewException("5", java.util.List.of("99")))
                .getAction()).contains("same Rooms release on every node");
    }

    @Test
    void databaseAtThisReleaseThenNodeStartsAgain() {
        startNode().close();

        startNode().close();
    }
}
