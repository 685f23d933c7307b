package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.Tokens;
import dev.rooms.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Access tokens that expire while a connection is open: the server closes it with 4001, the SDK refreshes the
 * token, reconnects and catches up, and the listener misses nothing. Its own server, because the token lifetime
 * is two seconds here.
 */
@TestPropertySource(properties = {
        "rooms.access-token-lifetime=2s",
        "rooms.jwt-secret=" + TestTokens.SECRET,
})
class TokenExpiryEndToEndTest extends EndToEndTest {

    @Test
    void accessTokenExpiresDuringConnectionThenSdkRefreshesReconnectsAndMissesNothing() throws Exception {
        // Without a refresh margin the SDK keeps using its token until it expires, so the expiry happens on the
        // open connection rather than being refreshed away beforehand.
        Account ada = newAccount("Ada", clientFor(serverUrl()).refreshBeforeExpiry(Duration.ZERO).build());
        Account bob = newAccount("Bob");
        keepLoggedInForAnHour(bob);
        Room room = newRoom(bob, "Expiring");
        MessageLog adaHears = new MessageLog();
        connectOpen(ada, room.id(), adaHears);
        String firstAccess = ada.client().tokenStore().load().orElseThrow().access();
        RoomConnection bobLive = connectOpen(bob, room.id(), new MessageLog());
        List<String> sent = new ArrayList<>();

        sendAll(bobLive, 1, 5, sent);
        adaHears.awaitState(ConnectionState.RECONNECTING, 1);
        sendAll(bobLive, 6, 10, sent);
        adaHears.awaitState(ConnectionState.OPEN, 2);
        sendAll(bobLive, 11, 15, sent);
        adaHears.awaitContent("message 15");

        List<Message> history = bob.client().rooms().listMessages(room.id());
        assertThat(history).extracting(Message::content).containsExactlyElementsOf(sent);
        assertThat(adaHears.ids()).isEqualTo(history.stream().map(Message::id).toList());
        assertThat(ada.client().tokenStore().load().orElseThrow().access()).isNotEqualTo(firstAccess);
        // Any close but 4001 (a drop, a failed handshake) would have been reported as an error.
        assertThat(adaHears.errors()).isEmpty();
    }

    /** Gives Bob an access token that outlives the test, so only Ada's connection sees expiries. */
    private static void keepLoggedInForAnHour(Account account) {
        Tokens tokens = account.client().tokenStore().load().orElseThrow();
        Instant now = Instant.now();
        String access = TestTokens.token(TestTokens.key(TestTokens.SECRET), "access", account.id(), now,
                now.plus(Duration.ofHours(1)));
        account.client().tokenStore().save(new Tokens(access, tokens.refresh()));
    }

    private static void sendAll(RoomConnection live, int from, int to, List<String> sent) throws Exception {
        for (int i = from; i <= to; i++) {
            String text = "message " + i;
            live.send(text).get(10, TimeUnit.SECONDS);
            sent.add(text);
        }
    }
}
