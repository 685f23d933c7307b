package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rooms.sdk.ReconnectPolicy;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.User;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * Base of the end-to-end tests: the real SDK against the real server on a random port, with the embedded
 * database in a temporary data directory and the in-process broker. Subclasses that add no properties share
 * one server (Spring caches the context), so every test works with accounts and rooms of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TemporaryDataDirectory.class)
abstract class EndToEndTest {

    static final String PASSWORD = "correct-horse-battery";
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Quick retries so a test waits milliseconds, not the default half second and more, for a reconnect. */
    static final ReconnectPolicy FAST_RECONNECT =
            new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(300), 2.0, 0.2, 0);
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    @LocalServerPort
    int port;

    private final List<RoomConnection> connections = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeConnections() {
        connections.forEach(RoomConnection::close);
    }

    String serverUrl() {
        return "http://127.0.0.1:" + port;
    }

    RoomsClient.Builder clientFor(String baseUrl) {
        return RoomsClient.builder().baseUrl(baseUrl).userAgent("rooms-e2e/1.0").reconnectPolicy(FAST_RECONNECT);
    }

    RoomsClient newClient() {
        return clientFor(serverUrl()).build();
    }

    /** A fresh email address, unique in this JVM. */
    static String uniqueEmail(String who) {
        return who + ACCOUNTS.incrementAndGet() + "-" + System.nanoTime() + "@example.com";
    }

    /** A user registered and logged in through the SDK, with the client holding its tokens. */
    record Account(RoomsClient client, User user, String email) {

        long id() {
            return user.id();
        }
    }

    Account newAccount(String name) {
        return newAccount(name, newClient());
    }

    Account newAccount(String name, RoomsClient client) {
        String email = uniqueEmail(name.toLowerCase());
        User user = client.auth().register(email, name, PASSWORD);
        client.auth().login(email, PASSWORD);
        return new Account(client, user, email);
    }

    Room newRoom(Account creator, String name) {
        return creator.client().rooms().create(name, "About " + name, RoomType.CHAT);
    }

    /** Connects to a room's live channel (closed after the test) without waiting for it to open. */
    RoomConnection connect(Account account, long roomId, RoomListener listener) {
        return track(account.client().connect(roomId, listener));
    }

    /** Connects after a message id (0: the whole history first), without waiting for it to open. */
    RoomConnection connect(Account account, long roomId, long afterId, RoomListener listener) {
        return track(account.client().connect(roomId, afterId, listener));
    }

    /** Connects and waits until the connection is open. */
    RoomConnection connectOpen(Account account, long roomId, RoomListener listener) throws InterruptedException {
        RoomConnection connection = connect(account, roomId, listener);
        assertThat(connection.awaitOpen(WAIT)).as("connection to room %d open", roomId).isTrue();
        return connection;
    }

    RoomConnection track(RoomConnection connection) {
        connections.add(connection);
        return connection;
    }
}
