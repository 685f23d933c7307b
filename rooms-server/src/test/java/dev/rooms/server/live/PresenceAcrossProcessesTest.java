package dev.rooms.server.live;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.ServerProcess;
import dev.rooms.testing.SharedBackend;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10 on two server processes sharing PostgreSQL and Redis: one in this JVM, one a child JVM that the
 * last test kills with SIGKILL. Presence, typing, edits, REST posts and idempotent retries act as one server,
 * and the users of the killed process leave by themselves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PresenceAcrossProcessesTest {

    /** Short, so the killed process's entries expire quickly; the heartbeat refreshes them every second. */
    private static final String PRESENCE_TTL = "3s";

    private static SharedBackend backend;
    private static ServerInstance first;
    private static ServerProcess second;
    private static ApiClient firstApi;
    private static ApiClient secondApi;

    @BeforeAll
    static void startTwoServers() throws Exception {
        backend = SharedBackend.create("rooms_presence");
        Map<String, String> shared = backend.with(Map.of("rooms.presence.ttl", PRESENCE_TTL));
        first = ServerInstance.start(RoomsServerApplication.class, shared);
        List<String> arguments = new ArrayList<>();
        arguments.add("--rooms.data-dir=" + Files.createTempDirectory("rooms-presence"));
        shared.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        second = new ServerProcess("presence", arguments, Map.of()).start();
        firstApi = new ApiClient(first.port());
        secondApi = new ApiClient(second.port());
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static void assertNextIsMarker(SocketClient socket, String marker) {
        JsonNode next = socket.next();
        assertThat(next.path("content").asString()).as("next frame %s", next).isEqualTo(marker);
    }

    @Test
    @Order(1)
    void presenceTypingPostsAndEditsOnOneProcessThenHeardOnTheOther() {
        TestUser watcher = firstApi.register("Watcher");
        TestUser bob = firstApi.register("Bob");
        TestUser spectator = firstApi.register("Spectator");
        long room = firstApi.createRoom(watcher);
        SocketClient watching = SocketClient.open(first.port(), room, watcher.access(), "presence,typing,edits");
        SocketClient spec = SocketClient.open(first.port(), room, spectator.access());
        assertThat(watching.next().get("user").get("id").longValue()).as("own join").isEqualTo(watcher.id());
        assertThat(watching.next().get("user").get("id").longValue()).isEqualTo(spectator.id());

        SocketClient bobOnSecond = SocketClient.open(second.port(), room, bob.access());
        JsonNode join = watching.next();
        SocketClient bobOnFirst = SocketClient.open(first.port(), room, bob.access(), "typing");
        bobOnSecond.sendJson(Map.of("type", "typing"));
        JsonNode typing = watching.next();
        JsonNode posted = secondApi.post(bob, room, "over REST on the second", null);
        JsonNode heard = watching.next();
        JsonNode edited = firstApi.edit(bob, room, posted.get("id").longValue(), "edited on the first");
        JsonNode updated = watching.next();

        assertThat(join.get("event").stringValue()).isEqualTo("join");
        assertThat(join.get("user").get("id").longValue()).isEqualTo(bob.id());
        assertThat(typing.get("type").stringValue()).as("no second join: %s", typing).isEqualTo("typing");
        assertThat(typing.get("user").get("id").longValue()).isEqualTo(bob.id());
        assertThat(heard).isEqualTo(posted);
        assertThat(updated.get("type").stringValue()).isEqualTo("message-updated");
        assertThat(updated.get("edited_at")).isEqualTo(edited.get("edited_at"));
        for (ApiClient api : List.of(firstApi, secondApi)) {
            List<JsonNode> present = api.presence(bob, room);
            assertThat(present).extracting(p -> p.get("user").get("id").longValue())
                    .containsExactly(watcher.id(), spectator.id(), bob.id());
            assertThat(present).extracting(p -> p.get("connections").intValue()).containsExactly(1, 1, 2);
        }
        spec.sendJson(Map.of("content", "end"));
        assertThat(spec.next()).isEqualTo(posted);
        assertNextIsMarker(spec, "end");
        assertNextIsMarker(bobOnFirst, "over REST on the second");
        assertNextIsMarker(bobOnFirst, "end");
        assertNextIsMarker(watching, "end");
    }

    @Test
    @Order(2)
    void concurrentRetriesWithOneIdempotencyKeyOnBothProcessesThenOneMessage() throws Exception {
        TestUser alice = firstApi.register("Alice");
        long room = firstApi.createRoom(alice);
        SocketClient listening = SocketClient.open(first.port(), room, alice.access());
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            ApiClient api = i % 2 == 0 ? firstApi : secondApi;
            answers.add(pool.submit(() -> {
                start.await();
                return api.post(alice, room, "exactly once", key);
            }));
        }
        start.countDown();

        List<JsonNode> bodies = new ArrayList<>();
        for (Future<JsonNode> answer : answers) {
            bodies.add(answer.get());
        }
        pool.shutdown();
        assertThat(bodies).allSatisfy(body -> assertThat(body).isEqualTo(bodies.get(0)));
        assertThat(firstApi.history(alice, room)).containsExactly(bodies.get(0));
        assertThat(listening.next()).isEqualTo(bodies.get(0));
        listening.sendJson(Map.of("content", "end"));
        assertNextIsMarker(listening, "end");
    }

    @Test
    @Order(3)
    void processKilledThenItsUsersLeaveByThemselvesAndThoseStillConnectedElsewhereStay() {
        TestUser carol = firstApi.register("Carol");
        TestUser dave = firstApi.register("Dave");
        TestUser eve = firstApi.register("Eve");
        long room = firstApi.createRoom(carol);
        SocketClient watching = SocketClient.open(first.port(), room, eve.access(), "presence");
        SocketClient carolOnFirst = SocketClient.open(first.port(), room, carol.access());
        SocketClient.open(second.port(), room, carol.access());
        SocketClient.open(second.port(), room, dave.access());
        assertThat(List.of(watching.next(), watching.next(), watching.next()))
                .extracting(join -> join.get("user").get("id").longValue()).containsExactly(eve.id(), carol.id(), dave.id());
        assertThat(firstApi.presence(carol, room)).extracting(p -> p.get("connections").intValue())
                .containsExactly(1, 2, 1);

        long killed = System.nanoTime();
        second.kill();
        JsonNode leave = watching.next();

        assertThat(leave.get("event").stringValue()).isEqualTo("leave");
        assertThat(leave.get("user").get("id").longValue()).isEqualTo(dave.id());
        assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(10));
        List<JsonNode> present = firstApi.presence(carol, room);
        assertThat(present).extracting(p -> p.get("user").get("id").longValue()).containsExactly(eve.id(), carol.id());
        assertThat(present).extracting(p -> p.get("connections").intValue()).containsExactly(1, 1);
        carolOnFirst.sendJson(Map.of("content", "still here"));
        assertNextIsMarker(watching, "still here");
    }
}
