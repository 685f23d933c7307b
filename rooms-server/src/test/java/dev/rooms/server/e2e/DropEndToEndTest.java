package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A network failure in the middle of a conversation: one client reaches the server through a {@link TcpProxy}
 * that is cut while the other client keeps talking. The cut-off client must end up having heard every message
 * exactly once, in id order — the live ones, the ones sent while it was away (from history) and the ones that
 * raced its reconnect.
 */
class DropEndToEndTest extends EndToEndTest {

    private TcpProxy proxy;

    @BeforeEach
    void startProxy() throws Exception {
        proxy = new TcpProxy(port);
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void dropInTheMiddleOfAConversationThenEveryMessageExactlyOnceInOrderAfterReconnect() throws Exception {
        Account ada = newAccount("Ada", clientFor(proxy.url()).build());
        Account bob = newAccount("Bob");
        Room room = newRoom(bob, "Flaky");
        MessageLog adaHears = new MessageLog();
        connectOpen(ada, room.id(), adaHears);
        RoomConnection bobLive = connectOpen(bob, room.id(), new MessageLog());
        List<String> sent = new ArrayList<>();

        sendAll(bobLive, 1, 10, sent);
        adaHears.awaitMessages(10);
        proxy.cutAndRefuse();
        adaHears.awaitState(ConnectionState.RECONNECTING, 1);
        sendAll(bobLive, 11, 20, sent);
        proxy.allow();
        sendAll(bobLive, 21, 30, sent);
        adaHears.awaitState(ConnectionState.OPEN, 2);
        sendAll(bobLive, 31, 35, sent);
        adaHears.awaitContent("message 35");

        List<Message> history = bob.client().rooms().listMessages(room.id());
        assertThat(history).extracting(Message::content).containsExactlyElementsOf(sent);
        assertThat(adaHears.ids()).isEqualTo(history.stream().map(Message::id).toList());
        assertThat(adaHears.messages()).extracting(Message::content).containsExactlyElementsOf(sent);
        assertThat(adaHears.errors()).isNotEmpty().allMatch(TransportException.class::isInstance);
        assertThat(adaHears.states()).containsSubsequence(ConnectionState.OPEN, ConnectionState.RECONNECTING,
                ConnectionState.OPEN);
    }

    private static void sendAll(RoomConnection live, int from, int to, List<String> sent) throws Exception {
        for (int i = from; i <= to; i++) {
            String text = "message " + i;
            live.send(text).get(10, TimeUnit.SECONDS);
            sent.add(text);
        }
    }
}
