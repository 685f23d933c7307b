package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;

/** {@code GET /api/rtc/config/} with the default configuration: no ICE server, so nothing leaves the network. */
@H2Server
class H2RtcConfigApiTest extends ApiTest {

    @Test
    void rtcConfigByDefaultThenNoIceServers() {
        TestUser user = newUser();

        ApiClient.Response config = api.get("/api/rtc/config/", user.access());

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).isEqualTo("{\"iceServers\":[]}");
    }

    @Test
    void rtcConfigWithoutTokenThen401() {
        ApiClient.Response config = api.get("/api/rtc/config/", null);

        assertThat(config.status()).isEqualTo(401);
        assertThat(config.json().get("detail").asString()).isEqualTo("Authentication credentials were not provided.");
    }
}
