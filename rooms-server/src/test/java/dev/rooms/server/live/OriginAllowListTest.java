package dev.rooms.server.live;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OriginAllowListTest extends TunedLiveServerTest {

    private RawSocket.Answer handshake(long room, TestUser user, String... headers) throws Exception {
        String[] lines = new String[headers.length + 1];
        lines[0] = "Authorization: Bearer " + user.access();
        System.arraycopy(headers, 0, lines, 1, headers.length);
        return RawSocket.handshake(port, "/ws/chat/" + room + "/", lines);
    }

    @Test
    void handshakeFromAnAllowedOriginThenUpgraded() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        RawSocket.Answer exact = handshake(room, owner, "Origin: https://app.example");
        RawSocket.Answer pattern = handshake(room, owner, "Origin: https://eu.rooms.example");

        assertThat(exact.status()).as(exact.toString()).isEqualTo(101);
        assertThat(pattern.status()).as(pattern.toString()).isEqualTo(101);
    }

    @Test
    void handshakeFromAnotherOriginThen403WithJsonBody() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        RawSocket.Answer other = handshake(room, owner, "Origin: https://evil.example");
        RawSocket.Answer opaque = handshake(room, owner, "Origin: null");

        for (RawSocket.Answer answer : new RawSocket.Answer[] {other, opaque}) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
            assertThat(answer.headers().get("content-type")).startsWith("application/json");
            assertThat(ApiClient.JSON.readTree(answer.body()).get("detail").stringValue())
                    .isEqualTo("Origin not allowed.");
        }
    }

    @Test
    void handshakeWithoutOriginThenUpgradedAsANonBrowserClient() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        RawSocket.Answer answer = handshake(room, owner);
        SocketClient client = connect(room, owner);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(101);
        client.sendJson(java.util.Map.of("content", "no origin"));
        assertThat(client.next().get("content").stringValue()).isEqualTo("no origin");
        client.close();
    }
}
