package dev.rooms.server.e2e;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The browser client when access tokens last 6 seconds: it refreshes them before they expire and moves its socket
 * to the new token, catching up from history, before the server would close it with 4001
 * ({@code src/test/browser/short-tokens}).
 */
@TestPropertySource(properties = "rooms.access-token-lifetime=6s")
class ShortTokenBrowserEndToEndTest extends EndToEndTest {

    @Test
    void browserClientKeepsTheSessionPastTokenExpiry() throws Exception {
        BrowserScenarios.run("short-tokens", serverUrl());
    }
}
