package dev.rooms.server.live;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;

/**
 * Starts the watchdog with the application and, on shutdown, finishes the queued chat (bounded), waits
 * (bounded) until the echoes of what this process stored have been delivered, then closes every socket with
 * 1001 once it has written what was queued for it (bounded), before the web server stops (this lifecycle stops
 * first). The chat workers, gap timers, close and watchdog threads are the context's executors, which stop after
 * this. Restartable: a
 * stopped context may be started again (Spring's test context cache does so with the contexts it pauses).
 */
final class LiveLifecycle implements SmartLifecycle {

    private static final Duration DRAIN_WAIT = Duration.ofSeconds(5);
    private static final Duration ECHO_WAIT = Duration.ofSeconds(5);
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(LiveLifecycle.class);

    private final RoomSessionRegistry registry;
    private final ConnectionWatchdog watchdog;
    private final RoomSequencer chat;
    private volatile boolean running;

    LiveLifecycle(RoomSessionRegistry registry, ConnectionWatchdog watchdog, RoomSequencer chat) {
        this.registry = registry;
        this.watchdog = watchdog;
        this.chat = chat;
    }

    @Override
    public void start() {
        chat.start();
        watchdog.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        watchdog.stop();
        int busy = chat.stop(DRAIN_WAIT);
        if (busy > 0) {
            log.warn("{} room(s) still had chat queued after {} s; it is not stored", busy, DRAIN_WAIT.toSeconds());
        }
        // What was stored has been published; its echoes come back through the broker. Senders must get them
        // before the 1001, or they cannot know their messages were stored.
        int rooms = registry.awaitEchoes(ECHO_WAIT);
        if (rooms > 0) {
            log.warn("Closing with 1001 before every echo came back from the broker ({} room(s) still waiting after {} s)",
                    rooms, ECHO_WAIT.toSeconds());
        }
        List<LiveConnection> open = registry.connections();
        open.forEach(connection -> connection.closeAfterFlush(CloseStatus.GOING_AWAY));
        awaitCloses(open);
        registry.closeAll(CloseStatus.GOING_AWAY); // whatever did not flush in time: drop its queue and close
    }

    /** Waits, at most {@link #FLUSH_WAIT}, until each connection has written its queue and its close frame. */
    private static void awaitCloses(List<LiveConnection> connections) {
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        for (LiveConnection connection : connections) {
            while (!connection.isCloseWritten() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10); // a shutdown-time poll, bounded; writes complete on Jetty's threads
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        long unflushed = connections.stream().filter(connection -> !connection.isCloseWritten()).count();
        if (unflushed > 0) {
            log.warn("{} socket(s) had not written what was queued for them after {} s; closing them at once", unflushed,
                    FLUSH_WAIT.toSeconds());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
