package dev.rooms.server.system;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Chooses the database: {@code rooms.database-url} if given, else the standard {@code spring.datasource.*}
 * settings, else an H2 file database in the data directory (the zero-configuration default).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /**
     * The pool behind {@link OutageAwareDataSource}. The pool settings ({@code spring.datasource.hikari.*}) are
     * bound here rather than with {@code @ConfigurationProperties} on the bean, which would bind them to the
     * wrapper.
     */
    @Bean
    DataSource dataSource(RoomsProperties rooms, DatabaseProperties database, DataSourceProperties standard,
                          Environment environment, DatabaseOutage outage) {
        HikariDataSource pool = pool(rooms, database, standard);
        Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
        return new OutageAwareDataSource(pool, outage);
    }

    @Bean
    DatabaseOutage databaseOutage(RoomsProperties rooms, DataSourceProperties standard,
                                  @Qualifier("databaseProbes") TaskScheduler probes) {
        return new DatabaseOutage(describe(rooms, standard), probes);
    }

    /** Not a default candidate: an executor bean that is one would make Spring Boot leave out its own. */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskScheduler databaseProbes() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("rooms-db-probe-");
        return scheduler;
    }

    private static HikariDataSource pool(RoomsProperties rooms, DatabaseProperties database,
                                         DataSourceProperties standard) {
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
     * makes commits durable itself. {@link RenderedAnswers} hears of every commit.
     */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource, DatabaseProperties database, CommitJournal journal,
                                              RenderedAnswers answers) {
        JdbcTransactionManager manager = journal.isEnabled()
                ? new CheckpointingTransactionManager(dataSource, database.groupCommitWindow(), journal)
                : new JdbcTransactionManager(dataSource);
        manager.setTransactionExecutionListeners(List.of(answers));
        return manager;
    }

    /**
     * The embedded database's chat journal, next to its file (see {@link CommitJournal}); off for an external
     * database.
     */
    @Bean(destroyMethod = "close")
    CommitJournal commitJournal(RoomsProperties rooms, DatabaseProperties database, DataSourceProperties standard) {
        if (!embedded(rooms, standard)) {
            return CommitJournal.disabled();
        }
        Path dir = DataDirectory.create(rooms.dataDir().toAbsolutePath().normalize());
        return CommitJournal.in(dir, database.syncOnCommit(), database.journalCheckpointSize().toBytes());
    }

    /** The database as log lines name it: where it is, without credentials or parameters. */
    private static String describe(RoomsProperties rooms, DataSourceProperties standard) {
        String url = rooms.databaseUrl() != null && !rooms.databaseUrl().isBlank()
                ? DatabaseUrl.parse(rooms.databaseUrl().strip()).jdbcUrl() : standard.getUrl();
        if (url == null) {
            return "The embedded database";
        }
        String where = url.replaceFirst("^jdbc:", "").replaceFirst("[?;].*$", "");
        where = where.replaceFirst("//[^/@]*@", "//");
        return where.startsWith("postgresql:") ? "PostgreSQL at " + where.substring("postgresql:".length()).replaceFirst("^//", "")
                : "The database at " + where;
    }

    private static boolean embedded(RoomsProperties rooms, DataSourceProperties standard) {
        return (rooms.databaseUrl() == null || rooms.databaseUrl().isBlank()) && standard.getUrl() == null;
    }

    /**
     * The embedded database's URL. With {@code syncOnCommit} the file is written through
     * {@link DataSyncFilePath}, so a commit is on the disk, not only in the operating system's cache. Each
     * connection keeps 64 parsed statements instead of H2's 8: the chat path alone prepares more distinct ones
     * (the authors' {@code IN} list has one form per number of authors), and parsing them again was 3 % of its time.
     */
    private static String embeddedUrl(Path database, boolean syncOnCommit) {
        String file = database.toString();
        if (syncOnCommit) {
            DataSyncFilePath.register();
            file = DataSyncFilePath.SCHEME + ":" + file;
        }
        return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
    }
}
