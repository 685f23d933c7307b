package dev.rooms.server.live;

import java.time.Instant;
import java.util.List;

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

    @Test
    void handshakeWhenUpgradedOrRefusedThenTheApiResponseHeaders() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        RawSocket.Answer upgraded = handshake("/ws/chat/" + room + "/", "Authorization: Bearer " + owner.access(),
                "X-Request-Id: trace-upgraded");
        RawSocket.Answer refused = handshake("/ws/chat/" + room + "/");

        for (RawSocket.Answer answer : new RawSocket.Answer[] {upgraded, refused}) {
            assertThat(answer.headers()).as(answer.toString())
                    .containsEntry("x-content-type-options", "nosniff")
                    .containsEntry("x-frame-options", "DENY")
                    .containsEntry("cache-control", "no-cache, no-store, max-age=0, must-revalidate")
                    .containsKeys("x-request-id", "x-ratelimit-limit", "x-ratelimit-remaining");
        }
        assertThat(upgraded.status()).isEqualTo(101);
        assertThat(upgraded.headers()).containsEntry("x-request-id", "trace-upgraded");
        assertThat(refused.status()).isEqualTo(401);
    }

    /** Spring Security's firewall refused such a name only once the handshake read the query: a 500. */
    @Test
    void handshakeWhenAQueryParameterNameHasAControlCharacterThenAnsweredByItsTokenNot500() throws Exception {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        RawSocket.Answer withoutToken = handshake("/ws/chat/" + room + "/?x%00y=1");
        RawSocket.Answer withToken = handshake("/ws/chat/" + room + "/?x%00y=1&token=" + owner.access());

        assertRefused(withoutToken, 401, "Authentication credentials were not provided.");
        assertThat(withToken.status()).as(withToken.toString()).isEqualTo(101);
    }

    @Test
    void requestUnderTheSocketPathThatIsNoUpgradeOfARoomThenAnsweredAsEver() {
        TestUser owner = api.register("Owner");
        long room = api.createRoom(owner);

        ApiClient.Response plain = api.get("/ws/chat/" + room + "/", owner.access());
        ApiClient.Response post = api.post("/ws/chat/" + room + "/", "{}", owner.access());
        ApiClient.Response notARoom = api.get("/ws/chat/abc/", null);
        ApiClient.Response deeper = api.get("/ws/chat/" + room + "/more/", owner.access());
        ApiClient.Response pathParameter = api.get("/ws/chat/" + room + ";x/", owner.access());

        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).isEqualTo("Can \"Upgrade\" only to \"WebSocket\".");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).contains("GET");
        assertThat(notARoom.status()).isEqualTo(401);
        assertThat(notARoom.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
        assertThat(deeper.status()).isEqualTo(404);
        assertThat(deeper.json().get("detail").stringValue()).isEqualTo("Not found.");
        assertThat(pathParameter.status()).isEqualTo(400);
        for (ApiClient.Response response : List.of(plain, post, notARoom, deeper)) {
            assertThat(response.header("X-Content-Type-Options")).as(response.body()).isEqualTo("nosniff");
        }
    }
}
