package dev.rooms.server.live;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;

/**
 * Starts the watchdog with the application and, on shutdown, closes every socket with 1001 before the web
 * server stops (this lifecycle stops first), then stops the workers. Restartable: a stopped context may be
 * started again (Spring's test context cache does so with the contexts it pauses), which starts new workers.
 */
final class LiveLifecycle implements SmartLifecycle {

    private final RoomSessionRegistry registry;
    private final ConnectionWatchdog watchdog;
    private final RoomSequencer chat;
    private final ChatWebSocketHandler handler;
    private volatile boolean running;

    LiveLifecycle(RoomSessionRegistry registry, ConnectionWatchdog watchdog, RoomSequencer chat, ChatWebSocketHandler handler) {
        this.registry = registry;
        this.watchdog = watchdog;
        this.chat = chat;
        this.handler = handler;
    }

    @Override
    public void start() {
        chat.start();
        registry.start();
        handler.start();
        watchdog.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        watchdog.stop();
        chat.stop();
        registry.closeAll(CloseStatus.GOING_AWAY);
        registry.stop();
        handler.stop();
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
