package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.SharedBackend;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Two server processes' worth of Spring contexts on one PostgreSQL database and one Redis act as one chat. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstanceTest {

    private static SharedBackend backend;
    private static ServerInstance first;
    private static ServerInstance second;
    private static ApiClient firstApi;
    private static ApiClient secondApi;
    private static TestAbortedException servicesMissing;

    @BeforeAll
    static void startTwoServers() throws Exception {
        try {
            backend = SharedBackend.create("rooms_live");
        } catch (TestAbortedException missing) {
            // Aborted here, the class would be reported as "Tests run: 0"; each test aborts instead (below), so
            // surefire lists every one as skipped, with the reason.
            servicesMissing = missing;
            return;
        }
        first = ServerInstance.start(RoomsServerApplication.class, backend.properties());
        second = ServerInstance.start(RoomsServerApplication.class, backend.properties());
        firstApi = new ApiClient(first.port());
        secondApi = new ApiClient(second.port());
    }

    @BeforeEach
    void skipWhenServicesMissing() {
        if (servicesMissing != null) {
            throw servicesMissing;
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    @Order(1)
    void chatFromBothServersConcurrentlyThenEveryClientSeesEachMessageOnceInHistoryOrderWithItsNonce() throws Exception {
        TestUser owner = firstApi.register("Owner");
        long room = firstApi.createRoom(owner);
        List<SocketClient> sockets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ServerInstance server = i % 2 == 0 ? first : second;
            TestUser user = firstApi.register("Sender" + i);
            sockets.add(SocketClient.open(server.port(), room, user.access()));
        }
        int perSender = 40;
        ExecutorService pool = Executors.newFixedThreadPool(sockets.size());
        CountDownLatch start = new CountDownLatch(1);

        for (int s = 0; s < sockets.size(); s++) {
            SocketClient socket = sockets.get(s);
            int sender = s;
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < perSender; i++) {
                    socket.sendJson(Map.of("content", sender + ":" + i, "nonce", "nonce-" + sender + ":" + i));
                }
            });
        }
        start.countDown();

        int total = sockets.size() * perSender;
        List<List<Long>> seen = new ArrayList<>();
        for (SocketClient socket : sockets) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                JsonNode message = socket.next();
                // Publishes of the two servers overtake each other; a message put back in order keeps its nonce.
                assertThat(message.path("nonce").asString()).as("nonce of %s", message)
                        .isEqualTo("nonce-" + message.get("content").stringValue());
                ids.add(message.get("id").longValue());
            }
            seen.add(ids);
        }
        pool.shutdown();
        List<Long> history = secondApi.history(owner, room).stream().map(m -> m.get("id").longValue()).toList();
        assertThat(history).hasSize(total).isSorted().doesNotHaveDuplicates();
        for (List<Long> ids : seen) {
            assertThat(ids).isEqualTo(history);
        }
        SocketClient marker = sockets.get(0);
        marker.sendJson(Map.of("content", "end"));
        for (SocketClient socket : sockets) {
            assertThat(socket.next().get("content").stringValue()).as("nothing extra before the marker").isEqualTo("end");
        }
    }

    @Test
    @Order(2)
    void signalOnOneServerThenOtherServersClientsGetItOnceAndTargetIsHonoured() {
        TestUser alice = firstApi.register("Alice");
        TestUser bob = firstApi.register("Bob");
        TestUser carol = firstApi.register("Carol");
        long room = firstApi.createRoom(alice);
        SocketClient aliceSocket = SocketClient.open(first.port(), room, alice.access());
        SocketClient bobSocket = SocketClient.open(second.port(), room, bob.access());
        SocketClient carolSocket = SocketClient.open(second.port(), room, carol.access());

        aliceSocket.sendJson(Map.of("type", "webrtc-offer", "offer", Map.of("type", "offer", "sdp", "v=0")));
        aliceSocket.sendJson(Map.of("type", "webrtc-answer", "target", carol.id(), "answer", Map.of("sdp", "a")));
        aliceSocket.sendJson(Map.of("content", "marker"));

        JsonNode atBob = bobSocket.next();
        assertThat(atBob.get("type").stringValue()).isEqualTo("webrtc-offer");
        assertThat(atBob.get("sender_id").longValue()).isEqualTo(alice.id());
        assertThat(bobSocket.next().get("content").stringValue()).isEqualTo("marker");
        assertThat(carolSocket.next().get("type").stringValue()).isEqualTo("webrtc-offer");
        assertThat(carolSocket.next().get("type").stringValue()).isEqualTo("webrtc-answer");
        assertThat(carolSocket.next().get("content").stringValue()).isEqualTo("marker");
        assertThat(aliceSocket.next().get("content").stringValue()).isEqualTo("marker");
    }

    @Test
    @Order(3)
    void deletionsOnOneServerThenSocketsOnTheOtherAreClosed() {
        TestUser alice = firstApi.register("Alice");
        TestUser bob = firstApi.register("Bob");
        long room = firstApi.createRoom(alice);
        long otherRoom = firstApi.createRoom(alice);
        SocketClient aliceOnSecond = SocketClient.open(second.port(), room, alice.access());
        SocketClient bobOnFirst = SocketClient.open(first.port(), otherRoom, bob.access());

        firstApi.deleteRoom(alice, room);
        secondApi.deleteAccount(bob);

        assertThat(aliceOnSecond.awaitClose(10)).isEqualTo(new SocketClient.Closed(4004, "room deleted"));
        assertThat(bobOnFirst.awaitClose(10)).isEqualTo(new SocketClient.Closed(4003, "account deleted"));
    }

    @Test
    @Order(3)
    void deletionsOnOneServerThenTheOtherRefusesTheAccountsTokenAndTheRoomAtOnce() throws Exception {
        TestUser alice = firstApi.register("Alice");
        TestUser bob = firstApi.register("Bob");
        long room = firstApi.createRoom(alice);
        long otherRoom = firstApi.createRoom(alice);
        assertThat(secondApi.history(alice, room)).isEmpty();
        // The second server now knows the room as active without holding a socket in it (so without a subscription
        // to its channel); the first one has verified Bob's token. Both answer from what they keep from now on.
        assertThat(firstApi.roomStatus(bob, otherRoom)).isEqualTo(200);
        SocketClient bobOnFirst = SocketClient.open(first.port(), otherRoom, bob.access());

        secondApi.deleteAccount(bob);
        firstApi.deleteRoom(alice, room);
        // The account deletion has reached the first server once its socket is closed; a later deletion on the
        // control channel has then reached it too, and the room's reached the second server through the same channel.
        assertThat(bobOnFirst.awaitClose(10)).isEqualTo(new SocketClient.Closed(4003, "account deleted"));
        awaitRefusedHandshake(second.port(), room, alice);

        assertThat(firstApi.roomStatus(bob, otherRoom)).isEqualTo(401);
    }

    /** The deletion travels through Redis, so the refusal is awaited (a failure bound, not a pause). */
    private static void awaitRefusedHandshake(int port, long room, TestUser user) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(RawSocket.handshake(port, "/ws/chat/" + room + "/", "Authorization: Bearer " + user.access())
                        .status()).isEqualTo(404));
    }

    @Test
    @Order(3)
    void roomCreatedAndMessagePostedOnOneServerThenTheOthersVeryNextAnswersHaveThem() {
        // With Redis no server keeps its plain list answers between its own writes: it would miss the other's.
        TestUser alice = firstApi.register("Alice");
        long room = firstApi.createRoom(alice);
        assertThat(roomIds(secondApi, alice)).contains(room);
        assertThat(secondApi.history(alice, room)).isEmpty();
        assertThat(secondApi.history(alice, room)).isEmpty();

        long other = firstApi.createRoom(alice);
        firstApi.post(alice, room, "from the first server", null);

        assertThat(roomIds(secondApi, alice)).contains(room, other);
        assertThat(secondApi.history(alice, room)).extracting(message -> message.get("content").stringValue())
                .containsExactly("from the first server");
    }

    private static List<Long> roomIds(ApiClient api, TestUser user) {
        ApiClient.Response response = api.get("/api/rooms/", user.access());
        assertThat(response.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().forEach(room -> ids.add(room.get("id").longValue()));
        return ids;
    }

    @Test
    @Order(4)
    void serverShutsDownThenItsSocketsAreClosedWith1001AndTheOtherServerGoesOn() {
        TestUser alice = firstApi.register("Alice");
        long room = firstApi.createRoom(alice);
        SocketClient onFirst = SocketClient.open(first.port(), room, alice.access());
        SocketClient onSecond = SocketClient.open(second.port(), room, alice.access());

        second.close();

        assertThat(onSecond.awaitClose(10).code()).isEqualTo(1001);
        onFirst.sendJson(Map.of("content", "still here"));
        assertThat(onFirst.next().get("content").stringValue()).isEqualTo("still here");
    }
}
