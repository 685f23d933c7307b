package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code GET /api/rtc/config/} with a STUN and a TURN server configured: browser field names, as configured. */
@H2Server
@TestPropertySource(properties = {
        "rooms.rtc.ice-servers[0].urls=stun:stun.example.org:3478",
        "rooms.rtc.ice-servers[1].urls=turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349",
        "rooms.rtc.ice-servers[1].username=rooms",
        "rooms.rtc.ice-servers[1].credential=s3cret"})
class H2ConfiguredRtcConfigApiTest extends ApiTest {

    @Test
    void rtcConfigThenConfiguredServersInRtcConfigurationShape() {
        TestUser user = newUser();

        ApiClient.Response config = api.get("/api/rtc/config/", user.access());

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).isEqualTo("{\"iceServers\":["
                + "{\"urls\":[\"stun:stun.example.org:3478\"]},"
                + "{\"urls\":[\"turn:turn.example.org:3478?transport=udp\",\"turns:turn.example.org:5349\"],"
                + "\"username\":\"rooms\",\"credential\":\"s3cret\"}]}");
    }
}
