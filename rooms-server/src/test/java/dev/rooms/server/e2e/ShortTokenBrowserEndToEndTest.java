package dev.rooms.server.e2e;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The browser client when access tokens last 6 seconds: it refreshes them before they expire, and when the server
 * closes its socket with 4001 it reconnects and catches up ({@code src/test/browser/short-tokens}).
 */
@TestPropertySource(properties = "rooms.access-token-lifetime=6s")
class ShortTokenBrowserEndToEndTest extends EndToEndTest {

    @Test
    void browserClientKeepsTheSessionPastTokenExpiry() throws Exception {
        BrowserScenarios.run("short-tokens", serverUrl());
    }
}
