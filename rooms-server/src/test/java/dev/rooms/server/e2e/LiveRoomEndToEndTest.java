package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.rooms.sdk.AuthenticationException;
import dev.rooms.sdk.CloseCodes;
import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RecordingListener;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.ValidationException;
import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.Tokens;
import dev.rooms.sdk.model.UserSummary;
import org.junit.jupiter.api.Test;

/** Live rooms through the SDK's {@code RoomConnection} against the real server's WebSocket. */
class LiveRoomEndToEndTest extends EndToEndTest {

    private static final Duration QUIET = Duration.ofMillis(200);
    private static final String CANDIDATE = "candidate:1 1 UDP 2122252543 192.0.2.1 50000 typ host";

    @Test
    void sendCompletesWithTheStoredMessageWhichEveryoneReceivesWithTheNonce() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Hello");
        Live adaLive = open(ada, room);
        Live bobLive = open(bob, room);

        Message stored = adaLive.connection().send("Hello, everyone!").get(10, TimeUnit.SECONDS);

        assertThat(stored.id()).isPositive();
        assertThat(stored.content()).isEqualTo("Hello, everyone!");
        assertThat(stored.user()).isEqualTo(new UserSummary(ada.id(), ada.email(), "Ada"));
        assertThat(stored.nonce()).isNotBlank();
        assertThat(bobLive.hears().expectMessage()).isEqualTo(stored);
        assertThat(adaLive.hears().expectMessage()).isEqualTo(stored);
        Message inHistory = bob.client().rooms().listMessages(room.id()).get(0);
        assertThat(inHistory).isEqualTo(new Message(stored.id(), stored.user(), stored.content(), stored.createdAt(),
                null));
    }

    @Test
    void connectAfterAnIdDeliversTheStoredMessagesAfterItThenLiveOnes() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Late");
        Live adaLive = open(ada, room);
        Message first = adaLive.connection().send("first").get(10, TimeUnit.SECONDS);
        adaLive.connection().send("second").get(10, TimeUnit.SECONDS);
        MessageLog bobHears = new MessageLog();

        assertThat(track(bob.client().connect(room.id(), first.id(), bobHears)).awaitOpen(WAIT)).isTrue();
        adaLive.connection().send("third").get(10, TimeUnit.SECONDS);
        bobHears.awaitContent("third");

        assertThat(bobHears.messages()).extracting(Message::content).containsExactly("second", "third");
    }

    @Test
    void connectLearnsTheNewestIdSoOnlyLaterMessagesAreDelivered() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Now");
        Live adaLive = open(ada, room);
        for (int i = 1; i <= 3; i++) {
            adaLive.connection().send("before " + i).get(10, TimeUnit.SECONDS);
        }
        MessageLog bobHears = new MessageLog();

        connectOpen(bob, room.id(), bobHears);
        adaLive.connection().send("after").get(10, TimeUnit.SECONDS);
        bobHears.awaitContent("after");

        assertThat(bobHears.messages()).extracting(Message::content).containsExactly("after");
    }

    @Test
    void longestContentTheServerAcceptsIsStoredAndOneMoreCharacterFailsTheSendAtOnceWithTheServersReason()
            throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Long");
        Live adaLive = open(ada, room);
        Live bobLive = open(bob, room);
        String longest = "\uD83D\uDE00".repeat(16_000);

        Message stored = adaLive.connection().send(longest).get(10, TimeUnit.SECONDS);
        CompletableFuture<Message> tooLong = adaLive.connection().send(longest + "!");
        CompletableFuture<Message> blank = adaLive.connection().send(" \n ");

        assertThat(stored.content()).isEqualTo(longest);
        // Well within the client's 30 s send timeout: the server's error frame fails the send.
        assertThatThrownBy(() -> tooLong.get(10, TimeUnit.SECONDS)).cause()
                .isExactlyInstanceOf(ValidationException.class)
                .hasMessage("Ensure this field has no more than 16000 characters.")
                .extracting(e -> ((ValidationException) e).code()).isEqualTo("content_too_long");
        assertThatThrownBy(() -> blank.get(10, TimeUnit.SECONDS)).cause()
                .isExactlyInstanceOf(ValidationException.class)
                .hasMessage("This field may not be blank.")
                .extracting(e -> ((ValidationException) e).code()).isEqualTo("content_blank");
        assertThat(adaLive.connection().state()).isEqualTo(ConnectionState.OPEN);
        Message after = adaLive.connection().send("after").get(10, TimeUnit.SECONDS);
        assertThat(bobLive.hears().expectMessage()).isEqualTo(stored);
        assertThat(bobLive.hears().expectMessage()).isEqualTo(after);
        assertThat(adaLive.hears().expectMessage()).isEqualTo(stored);
        assertThat(adaLive.hears().expectMessage()).isEqualTo(after);
        assertThat(ada.client().rooms().recentMessages(room.id(), 5)).extracting(Message::content)
                .containsExactly(longest, "after");
    }

    @Test
    void twoClientsSendingAtOnceSeeTheSameMessagesInTheSameOrderAsTheHistory() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Busy");
        MessageLog adaHears = new MessageLog();
        MessageLog bobHears = new MessageLog();
        RoomConnection adaLive = connectOpen(ada, room.id(), adaHears);
        RoomConnection bobLive = connectOpen(bob, room.id(), bobHears);

        List<CompletableFuture<Message>> sends = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            sends.add(adaLive.send("ada " + i));
            sends.add(bobLive.send("bob " + i));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        adaHears.awaitMessages(30);
        bobHears.awaitMessages(30);

        List<Long> history = ada.client().rooms().listMessages(room.id()).stream().map(Message::id).toList();
        assertThat(history).hasSize(30).isSorted().doesNotHaveDuplicates();
        assertThat(adaHears.ids()).isEqualTo(history);
        assertThat(bobHears.ids()).isEqualTo(history);
        assertThat(sends.stream().map(CompletableFuture::join).map(Message::id)).containsExactlyInAnyOrderElementsOf(
                history);
        assertThat(adaHears.messages()).filteredOn(m -> m.user().id() == bob.id()).extracting(Message::content)
                .containsExactly(numbered("bob", 15));
    }

    @Test
    void signalWithoutTargetReachesEveryOtherClientWithTheSenderIdSetByTheServer() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Account cat = newAccount("Cat");
        Room room = newRoom(ada, "Call");
        Live adaLive = open(ada, room);
        Live bobLive = open(bob, room);
        Live catLive = open(cat, room);

        CompletableFuture<Void> sent = adaLive.connection().offer(new SessionDescription("offer", "v=0 ada"));

        assertThat(sent).isCompleted();
        for (RecordingListener other : List.of(bobLive.hears(), catLive.hears())) {
            Signal signal = other.expectSignal();
            assertThat(signal).isInstanceOfSatisfying(Signal.Offer.class, offer -> {
                assertThat(offer.offer().type()).isEqualTo("offer");
                assertThat(offer.offer().sdp()).isEqualTo("v=0 ada");
                assertThat(offer.senderId()).isEqualTo(ada.id());
                assertThat(offer.target()).isNull();
            });
        }
        // What one client sends reaches the others in order, so the sender's next chat message proves that
        // its own offer was not echoed back to it.
        Message marker = adaLive.connection().send("after the offer").get(10, TimeUnit.SECONDS);
        assertThat(adaLive.hears().expectMessage()).isEqualTo(marker);
    }

    @Test
    void signalWithTargetReachesOnlyThatUser() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Account cat = newAccount("Cat");
        Room room = newRoom(ada, "Targeted");
        Live adaLive = open(ada, room);
        Live bobLive = open(bob, room);
        Live catLive = open(cat, room);

        adaLive.connection().answer(new SessionDescription("answer", "v=0 for cat"), cat.id());
        adaLive.connection().iceCandidate(new Candidate(CANDIDATE, "0", 0), cat.id());
        adaLive.connection().hangup();

        Signal answer = catLive.hears().expectSignal();
        assertThat(answer).isInstanceOfSatisfying(Signal.Answer.class, a -> {
            assertThat(a.answer().sdp()).isEqualTo("v=0 for cat");
            assertThat(a.senderId()).isEqualTo(ada.id());
            assertThat(a.target()).isEqualTo(cat.id());
        });
        assertThat(catLive.hears().expectSignal()).isInstanceOfSatisfying(Signal.IceCandidate.class, ice -> {
            assertThat(ice.candidate().candidate()).isEqualTo(CANDIDATE);
            assertThat(ice.candidate().sdpMid()).isEqualTo("0");
            assertThat(ice.candidate().sdpMLineIndex()).isEqualTo(0);
            assertThat(ice.senderId()).isEqualTo(ada.id());
        });
        assertThat(catLive.hears().expectSignal()).isInstanceOf(Signal.Hangup.class);
        // Bob's first signal is the untargeted hangup: the two signals addressed to Cat never reached him.
        assertThat(bobLive.hears().expectSignal()).isInstanceOfSatisfying(Signal.Hangup.class, hangup -> {
            assertThat(hangup.senderId()).isEqualTo(ada.id());
            assertThat(hangup.target()).isNull();
        });
        bobLive.hears().expectNoMoreEvents(QUIET);
    }

    @Test
    void signalPassedOnKeepsFieldsTheSdkDoesNotModelThroughTheServer() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Relay");
        Live adaLive = open(ada, room);
        Live bobLive = open(bob, room);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", Arrays.asList(1, null));
        SessionDescription description = new SessionDescription("offer", "v=0 ada", Map.of("x-ext", nested));
        adaLive.connection().signal(new Signal.Offer(description, null, null, Map.of("call_id", "c-1")));
        Signal received = bobLive.hears().expectSignal();

        CompletableFuture<Void> sent = bobLive.connection().signal(received);

        assertThat(sent).isCompleted();
        assertThat(adaLive.hears().expectSignal()).isInstanceOfSatisfying(Signal.Offer.class, offer -> {
            assertThat(offer.offer()).isEqualTo(description);
            assertThat(offer.extras()).isEqualTo(Map.of("call_id", "c-1"));
            assertThat(offer.target()).isNull();
            assertThat(offer.senderId()).isEqualTo(bob.id());
        });
    }

    @Test
    void closingTheClientClosesItsConnectionsNormallyAndEndsTheirThreads() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(bob, "Leaving");
        RecordingListener bobHears = new RecordingListener();
        bob.client().connect(room.id(), bobHears);
        bobHears.expectState(ConnectionState.CONNECTING);
        bobHears.expectState(ConnectionState.OPEN);

        bob.client().close();

        assertThat(bobHears.expectClosed()).isEqualTo(new RecordingListener.Closed(CloseCodes.NORMAL,
                "closed by client"));
        // Only Bob was ever connected to this room, so its threads' names are his alone.
        await().atMost(WAIT).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName).doesNotContain("rooms-room-" + room.id(),
                        "rooms-room-" + room.id() + "-callbacks"));
        assertThatThrownBy(() -> bob.client().rooms().list()).isInstanceOf(IllegalStateException.class);
        assertThat(ada.client().rooms().get(room.id()).name()).isEqualTo("Leaving");
    }

    @Test
    void roomDeletedThenConnectionClosesWith4004AndDoesNotReconnect() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Doomed");
        Live bobLive = open(bob, room);

        ada.client().rooms().delete(room.id());

        RecordingListener.Closed closed = bobLive.hears().expectClosed();
        assertThat(closed.code()).isEqualTo(CloseCodes.ROOM_DELETED);
        assertThat(closed.reason()).isEqualTo("room deleted");
        assertThat(bobLive.connection().state()).isEqualTo(ConnectionState.CLOSED);
        bobLive.hears().expectNoMoreEvents(QUIET);
        assertThat(bobLive.connection().awaitOpen(QUIET)).isFalse();
    }

    @Test
    void accountDeletedThenItsConnectionClosesWith4003AndDoesNotReconnect() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Farewell");
        Live bobLive = open(bob, room);
        Live adaLive = open(ada, room);

        bob.client().auth().deleteAccount();

        RecordingListener.Closed closed = bobLive.hears().expectClosed();
        assertThat(closed.code()).isEqualTo(CloseCodes.ACCOUNT_DELETED);
        assertThat(closed.reason()).isEqualTo("account deleted");
        assertThat(bobLive.connection().state()).isEqualTo(ConnectionState.CLOSED);
        bobLive.hears().expectNoMoreEvents(QUIET);
        adaLive.hears().expectNoMoreEvents(QUIET);
    }

    @Test
    void connectToUnknownRoomThenNotFoundErrorAndClosedWithoutRetrying() throws Exception {
        Account ada = newAccount("Ada");
        RecordingListener hears = new RecordingListener();

        RoomConnection connection = connect(ada, 987_654_321L, hears);

        hears.expectState(ConnectionState.CONNECTING);
        assertThat(hears.expectError()).isInstanceOf(NotFoundException.class);
        assertThat(hears.expectClosed().code()).isEqualTo(CloseCodes.HANDSHAKE_NOT_FOUND);
        assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
        hears.expectNoMoreEvents(QUIET);
    }

    @Test
    void handshakeRejectedWith404ThenClosedWithHandshakeNotFound() throws Exception {
        Account ada = newAccount("Ada");
        RecordingListener hears = new RecordingListener();

        // After an id the SDK skips the history read and goes straight to the handshake, which the server refuses.
        connect(ada, 987_654_321L, 0, hears);

        hears.expectState(ConnectionState.CONNECTING);
        assertThat(hears.expectError()).isInstanceOf(NotFoundException.class);
        assertThat(hears.expectClosed().code()).isEqualTo(CloseCodes.HANDSHAKE_NOT_FOUND);
        hears.expectNoMoreEvents(QUIET);
    }

    @Test
    void handshakeRejectedWith401AndRefreshRefusedThenClosedWithHandshakeUnauthorized() throws Exception {
        Account bob = newAccount("Bob");
        Room room = newRoom(bob, "Open");
        Account ada = newAccount("Ada");
        Tokens deletedAccountsTokens = ada.client().tokenStore().load().orElseThrow();
        ada.client().auth().deleteAccount();
        ada.client().tokenStore().save(deletedAccountsTokens);
        RecordingListener hears = new RecordingListener();

        connect(ada, room.id(), 0, hears);

        hears.expectState(ConnectionState.CONNECTING);
        assertThat(hears.expectError()).isInstanceOf(AuthenticationException.class);
        assertThat(hears.expectClosed().code()).isEqualTo(CloseCodes.HANDSHAKE_UNAUTHORIZED);
        hears.expectNoMoreEvents(QUIET);
    }

    /** A connection with a listener that records what it hears. */
    private record Live(RoomConnection connection, RecordingListener hears) {
    }

    /** Connects with a recording listener and consumes its CONNECTING and OPEN events. */
    private Live open(Account account, Room room) throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        RoomConnection connection = connectOpen(account, room.id(), listener);
        listener.expectState(ConnectionState.CONNECTING);
        listener.expectState(ConnectionState.OPEN);
        return new Live(connection, listener);
    }

    private static String[] numbered(String prefix, int count) {
        String[] texts = new String[count];
        for (int i = 0; i < count; i++) {
            texts[i] = prefix + " " + (i + 1);
        }
        return texts;
    }
}
