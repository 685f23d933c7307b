package dev.rooms.server.live;

import java.time.Instant;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeTest extends LiveServerTest {

    private RawSocket.Answer handshake(String path, String... headers) throws Exception {
        return RawSocket.handshake(port, path, headers);
    }

    private static void assertRefused(RawSocket.Answer answer, int status, String detail) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/json");
        assertThat(ApiClient.JSON.readTree(answer.body()).get("detail").stringValue()).isEqualTo(detail);
        if (status == 401) {
            assertThat(answer.headers().get("www-authenticate")).isEqualTo("Bearer realm=\"api\"");
        }
    }

    @Test
    void handshakeWhenNoTokenThen401() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        assertRefused(handshake("/ws/chat/" + room + "/"), 401, "Authentication credentials were not provided.");
        assertRefused(handshake("/ws/chat/" + room + "/", "Authorization: Basic dXNlcjpwYXNz"), 401,
                "Authentication credentials were not provided.");
    }

    @Test
    void handshakeWhenGarbageTokenThen401() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        assertRefused(handshake("/ws/chat/" + room + "/", "Authorization: Bearer not.a.token"), 401,
                "Given token not valid for any token type");
        assertRefused(handshake("/ws/chat/" + room + "/?token=garbage"), 401, "Given token not valid for any token type");
    }

    @Test
    void handshakeWhenRefreshTokenThen401() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        assertRefused(handshake("/ws/chat/" + room + "/", "Authorization: Bearer " + owner.refresh()), 401,
                "Given token not valid for any token type");
    }

    @Test
    void handshakeWhenExpiredTokenThen401() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);
        String expired = token(owner.id(), "access", Instant.now().minusSeconds(60));

        assertRefused(handshake("/ws/chat/" + room + "/?token=" + expired), 401, "Given token not valid for any token type");
    }

    @Test
    void handshakeWhenUserDeletedThen401() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);
        TestUser gone = api.register("Gone");
        api.deleteAccount(gone);

        assertRefused(handshake("/ws/chat/" + room + "/", "Authorization: Bearer " + gone.access()), 401, "User not found");
    }

    @Test
    void handshakeWhenRoomMissingOrNotANumberThen404() throws Exception {
        TestUser user = api.register("User");

        assertRefused(handshake("/ws/chat/999999/", "Authorization: Bearer " + user.access()), 404, "Not found.");
        assertRefused(handshake("/ws/chat/abc/", "Authorization: Bearer " + user.access()), 404, "Not found.");
    }

    @Test
    void handshakeWhenRoomDeletedThen404() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);
        api.deleteRoom(owner, room);

        assertRefused(handshake("/ws/chat/" + room + "/", "Authorization: Bearer " + owner.access()), 404, "Not found.");
    }

    @Test
    void handshakeWhenValidTokenFromAnyOriginThenUpgraded() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        RawSocket.Answer header = handshake("/ws/chat/" + room + "/", "Authorization: Bearer " + owner.access(),
                "Origin: https://elsewhere.example");
        RawSocket.Answer query = handshake("/ws/chat/" + room + "/?token=" + owner.access(), "Origin: null");
        RawSocket.Answer noSlash = handshake("/ws/chat/" + room + "?token=" + owner.access());

        assertThat(header.status()).isEqualTo(101);
        assertThat(query.status()).isEqualTo(101);
        assertThat(noSlash.status()).isEqualTo(101);
    }

    @Test
    void handshakeAskingForCompressionThenUpgradedWithoutIt() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        RawSocket.Answer answer = handshake("/ws/chat/" + room + "/", "Authorization: Bearer " + owner.access(),
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits");

        assertThat(answer.status()).isEqualTo(101);
        assertThat(answer.headers()).doesNotContainKey("sec-websocket-extensions");
    }
}
