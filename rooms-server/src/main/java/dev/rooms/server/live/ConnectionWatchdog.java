package dev.rooms.server.live;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;

/**
 * Once a second, looks at every local connection: closes those whose access token expired (4001) and
 * those whose peer has sent nothing, not even a pong, for the idle timeout; pings those quiet for the
 * ping interval; drops those that leave our close frame unanswered. One thread for all connections (the {@code rooms-ws-watchdog} scheduler, a Spring bean): a
 * scan only compares timestamps and queues pings.
 */
final class ConnectionWatchdog {

    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4001, "token expired");
    static final CloseStatus PING_TIMEOUT = new CloseStatus(1000, "ping timeout");
    /**
     * How long a peer has to answer our close frame before the connection is dropped: a peer that is gone or
     * stalled never answers, and Jetty would keep its socket until its idle timeout.
     */
    static final Duration CLOSE_ANSWER_WAIT = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(ConnectionWatchdog.class);

    private final RoomSessionRegistry registry;
    private final Clock clock;
    private final long pingIntervalNanos;
    private final long idleTimeoutNanos;
    private final Duration scanInterval;
    private final TaskScheduler scheduler;
    private ScheduledFuture<?> scans;

    ConnectionWatchdog(RoomSessionRegistry registry, Clock clock, LiveProperties properties, TaskScheduler scheduler) {
        this.registry = registry;
        this.scheduler = scheduler;
        this.clock = clock;
        this.pingIntervalNanos = properties.pingInterval().toNanos();
        this.idleTimeoutNanos = properties.idleTimeout().toNanos();
        Duration shortest = properties.pingInterval().compareTo(Duration.ofSeconds(1)) < 0
                ? properties.pingInterval() : Duration.ofSeconds(1);
        this.scanInterval = shortest;
    }

    void start() {
        scans = scheduler.scheduleWithFixedDelay(this::scan, clock.instant().plus(scanInterval), scanInterval);
    }

    void stop() {
        if (scans != null) {
            scans.cancel(false);
        }
    }

    void scan() {
        try {
            long now = System.nanoTime();
            var instant = clock.instant();
            for (LiveConnection connection : registry.connections()) {
                if (connection.closeAnswerOverdue(now, CLOSE_ANSWER_WAIT.toNanos())) {
                    log.debug("Dropping {}: it did not answer the close frame within {}", connection, CLOSE_ANSWER_WAIT);
                    connection.abort();
                }
                if (connection.isClosing()) {
                    continue;
                }
                if (!connection.tokenExpiresAt().isAfter(instant)) {
                    log.debug("Closing {}: its access token expired", connection);
                    connection.close(TOKEN_EXPIRED);
                } else if (now - connection.lastInboundNanos() > idleTimeoutNanos) {
                    log.debug("Closing {}: nothing received for {}", connection, Duration.ofNanos(idleTimeoutNanos));
                    connection.close(PING_TIMEOUT);
                } else if (now - connection.lastInboundNanos() >= pingIntervalNanos
                        && now - connection.lastPingNanos() >= pingIntervalNanos) {
                    connection.ping();
                }
            }
        } catch (RuntimeException e) {
            log.error("Connection scan failed", e);
        }
    }
}
