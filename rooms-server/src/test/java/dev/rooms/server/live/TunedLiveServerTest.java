package dev.rooms.server.live;

import org.springframework.test.context.TestPropertySource;

/**
 * Base of the socket tests that need non-default settings: timers short enough to watch a dead peer being
 * dropped within a test, and an origin allow-list. One shared context for every subclass.
 */
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:live-tuned;DB_CLOSE_DELAY=-1",
        "rooms.websocket.ping-interval=200ms",
        "rooms.websocket.idle-timeout=1s",
        "rooms.websocket.allowed-origins=https://app.example,https://*.rooms.example",
})
abstract class TunedLiveServerTest extends LiveServerTest {

    static final long IDLE_TIMEOUT_MILLIS = 1000;
}
