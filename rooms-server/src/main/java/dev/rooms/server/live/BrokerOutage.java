package dev.rooms.server.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.rooms.server.system.BrokerState;
import dev.rooms.server.system.DeletionNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's availability, and the one log line when it goes away and the one when it is back. What is
 * refused meanwhile (sockets, publishes) is only counted, and the counts go into the second line: an outage
 * under load must not write a line per connection attempt (thousands a second), which buries everything else
 * and costs the disk when it is least affordable.
 */
final class BrokerOutage implements BrokerState, DeletionNotices {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutage.class);

    private final String broker;
    private final AtomicLong refusedConnections = new AtomicLong();
    private static final int WARNING_SECONDS = 10;

    private final AtomicLong failedPublishes = new AtomicLong();
    private final AtomicLong lastPublishWarning = new AtomicLong();
    private final AtomicLong lastRefusalWarning = new AtomicLong();
    /** {@code System.nanoTime()} when the outage began; guarded by {@code this}. */
    private long downSince;
    private volatile boolean available = true;

    /** @param broker what the log lines call the broker, e.g. {@code Redis at redis://host:6379} */
    BrokerOutage(String broker) {
        this.broker = broker;
    }

    @Override
    public boolean available() {
        return available;
    }

    /** Other processes' deletions travel through the broker ({@link DeletionRelay}). */
    @Override
    public boolean arriving() {
        return available;
    }

    /** The broker became unreachable: logged once, until {@link #up()}. */
    synchronized void down(String why) {
        if (!available) {
            return;
        }
        available = false;
        downSince = System.nanoTime();
        refusedConnections.set(0);
        failedPublishes.set(0);
        log.warn("{} is unavailable ({}): live connections are closed with 1011 and new ones refused until it is back;"
                + " REST keeps working", broker, why);
    }

    /** The broker is reachable again: logged once, with what was refused meanwhile. */
    synchronized void up() {
        if (available) {
            return;
        }
        available = true;
        Duration outage = Duration.ofNanos(System.nanoTime() - downSince);
        log.info("{} is available again after {} s; meanwhile {} connection(s) were refused and {} event(s) were not"
                        + " broadcast (chat among them is stored: clients catch up from history)",
                broker, String.format("%.1f", outage.toMillis() / 1000.0), refusedConnections.get(), failedPublishes.get());
    }

    /**
     * A socket could not join its room because the broker did not answer. Counted during an outage;
     * otherwise (Redis too slow while this process holds its subscription) one line per
     * {@value #WARNING_SECONDS} s at most.
     */
    void refusedConnection(long roomId, String why) {
        long refused = refusedConnections.incrementAndGet();
        if (available && mayWarn(lastRefusalWarning)) {
            log.warn("A socket of room {} was closed with 1011: {} ({} refused since the last such line)", roomId, why,
                    refused);
            refusedConnections.set(0);
        }
    }

    /** Whether a warning of this kind may be logged now, at most one per {@value #WARNING_SECONDS} s. */
    private static boolean mayWarn(AtomicLong lastWarning) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        return (last == 0 || now - last > Duration.ofSeconds(WARNING_SECONDS).toNanos())
                && lastWarning.compareAndSet(last, now);
    }

    /**
     * Events could not be published. Counted during an outage; otherwise (Redis failing while this process
     * still holds its subscription) one line per {@value #WARNING_SECONDS} s at most.
     */
    void failedPublish(int events, long roomId, Throwable cause) {
        failedPublishes.addAndGet(events);
        if (available) {
            if (mayWarn(lastPublishWarning)) {
                log.warn("Publishing {} event(s) of room {} to {} failed: {} ({} event(s) in all not broadcast since the"
                        + " last such line)", events, roomId, broker, String.valueOf(cause), failedPublishes.getAndSet(0));
            }
        }
    }
}
