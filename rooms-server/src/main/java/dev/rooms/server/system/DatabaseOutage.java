package dev.rooms.server.system;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * The database's availability, and the one log line when it goes away and the one when it is back, with what
 * was refused meanwhile. While it is away, asking for a connection fails at once instead of waiting for the
 * pool's timeout, so requests answer 503 quickly instead of piling up, and a probe finds out when it is back.
 * As with Redis ({@code BrokerOutage}), an outage under load must not write a line per request or chat batch.
 */
public final class DatabaseOutage {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    /** The wait a 503 suggests: a few probes, so a short restart of the database is over by then. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final String database;
    private final TaskScheduler probes;
    private final AtomicLong refusedRequests = new AtomicLong();
    private final AtomicLong failedChats = new AtomicLong();
    /** Set before the first probe is scheduled: the pool's own check that it hands out a working connection. */
    private volatile BooleanSupplier reachable;
    /** {@code System.nanoTime()} when the outage began; guarded by {@code this}. */
    private long downSince;
    private volatile boolean available = true;

    /**
     * @param database what the log lines call the database, e.g. {@code PostgreSQL at 10.0.0.5:5432/rooms}
     * @param probes   where the checks for its return run
     */
    DatabaseOutage(String database, TaskScheduler probes) {
        this.database = database;
        this.probes = probes;
    }

    void probeWith(BooleanSupplier reachable) {
        this.reachable = reachable;
    }

    public boolean available() {
        return available;
    }

    /**
     * Whether this failure says the database cannot be reached (as opposed to a query it refused); if so the
     * outage begins, if it had not yet.
     */
    public boolean recordIfUnreachable(Throwable failure) {
        String why = unreachable(failure);
        if (why == null) {
            return false;
        }
        down(why);
        return true;
    }

    /** A request was answered 503 because the database could not be reached: counted, not logged. */
    public void refusedRequest() {
        refusedRequests.incrementAndGet();
    }

    /** Chat messages were refused because the database could not be reached: counted, not logged. */
    public void failedChat(int messages) {
        failedChats.addAndGet(messages);
    }

    /** The database became unreachable: logged once, until a probe finds it back. */
    void down(String why) {
        synchronized (this) {
            if (!available) {
                return;
            }
            available = false;
            downSince = System.nanoTime();
            refusedRequests.set(0);
            failedChats.set(0);
        }
        log.warn("{} is unreachable ({}): requests that need it are answered 503 and chat messages refused until it"
                + " is back", database, why);
        probes.schedule(this::probe, probes.getClock().instant().plus(PROBE_INTERVAL));
    }

    private void probe() {
        boolean back;
        try {
            back = reachable.getAsBoolean();
        } catch (RuntimeException e) {
            back = false;
        }
        if (back) {
            up();
        } else {
            probes.schedule(this::probe, probes.getClock().instant().plus(PROBE_INTERVAL));
        }
    }

    private void up() {
        Duration outage;
        synchronized (this) {
            if (available) {
                return;
            }
            available = true;
            outage = Duration.ofNanos(System.nanoTime() - downSince);
        }
        log.info("{} is reachable again after {} s; meanwhile {} request(s) were answered 503 and {} chat message(s)"
                        + " refused", database, String.format("%.1f", outage.toMillis() / 1000.0), refusedRequests.get(),
                failedChats.get());
    }

    /**
     * What in this failure says the database cannot be reached, or null: a connection-class SQL state anywhere in
     * its causes (08…: connection exception; 57P01–57P03: the server shutting down or starting). The pool's
     * timeout carries the state of its last failed connect, so a pool that is merely busy is not an outage.
     */
    static String unreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
                    return "SQL state " + state + ": " + sql.getMessage();
                }
            }
        }
        return null;
    }
}
