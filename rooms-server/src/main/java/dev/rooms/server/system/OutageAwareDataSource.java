package dev.rooms.server.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool, behind a check of {@link DatabaseOutage}: during an outage a connection is refused at once (the pool
 * would make each request wait its whole connection timeout, 30 s by default, holding a server thread), and a
 * failure to get one starts the outage.
 */
final class OutageAwareDataSource extends DelegatingDataSource implements AutoCloseable {

    private final HikariDataSource pool;
    private final DatabaseOutage outage;

    OutageAwareDataSource(HikariDataSource pool, DatabaseOutage outage) {
        super(pool);
        this.pool = pool;
        this.outage = outage;
        outage.probeWith(this::poolHandsOutAWorkingConnection);
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!outage.available()) {
            throw new SQLTransientConnectionException("The database is unreachable; waiting for it to come back",
                    "08001");
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            outage.recordIfUnreachable(e);
            throw e;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private boolean poolHandsOutAWorkingConnection() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}
