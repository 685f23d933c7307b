package dev.rooms.server.e2e;

import org.junit.jupiter.api.Test;

/**
 * The browser client (served by this server at {@code /}) in real Chromium, driven by Playwright: registration,
 * rooms, chat both ways, hostile text, scroll back, a reconnect through a cut network, a 1:1 call with playing
 * video, a three-person mesh ({@code src/test/browser/scenarios}).
 */
class BrowserEndToEndTest extends EndToEndTest {

    @Test
    void browserClientScenariosPassInChromium() throws Exception {
        BrowserScenarios.run("scenarios", serverUrl());
    }
}
