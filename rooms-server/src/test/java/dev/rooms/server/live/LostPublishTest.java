package dev.rooms.server.live;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.rooms.sdk.testing.TcpProxy;
import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.RequiredServices;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.SharedBackend;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two server processes on one PostgreSQL and one Redis, the first one's Redis behind a proxy that stops
 * forwarding its requests: a message it stores never reaches Redis (neither its publish nor anything else), so the
 * other process can only read it back from the database, and its receivers still get the sender's nonce.
 */
class LostPublishTest {

    private SharedBackend backend;
    private TcpProxy redisProxy;
    private ServerInstance publisher;
    private ServerInstance receiver;

    @AfterEach
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {redisProxy, publisher, receiver, backend}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void publishLostOnTheWayToRedisThenTheOtherProcessFillsTheGapFromTheDatabaseWithTheSendersNonce() throws Exception {
        backend = SharedBackend.create("rooms_lost_publish");
        URI redis = URI.create(RequiredServices.REDIS_URL);
        redisProxy = new TcpProxy(redis.getPort());
        String proxied = new URI(redis.getScheme(), redis.getUserInfo(), "127.0.0.1", URI.create(redisProxy.url()).getPort(),
                redis.getPath(), null, null).toString();
        // Without rate limits the publisher's chat path asks Redis nothing before its publish, so the lost
        // requests cannot hold the message up before it is stored.
        publisher = ServerInstance.start(RoomsServerApplication.class,
                backend.with(Map.of("rooms.redis.url", proxied, "rooms.rate-limit.enabled", "false")));
        receiver = ServerInstance.start(RoomsServerApplication.class, backend.properties());
        ApiClient api = new ApiClient(receiver.port());
        TestUser alice = api.register("Alice");
        TestUser bob = api.register("Bob");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = SocketClient.open(publisher.port(), room, alice.access());
        SocketClient bobSocket = SocketClient.open(receiver.port(), room, bob.access());
        bobSocket.sendJson(Map.of("content", "both subscribed"));
        assertThat(aliceSocket.next().get("content").stringValue()).isEqualTo("both subscribed");
        assertThat(bobSocket.next().get("content").stringValue()).isEqualTo("both subscribed");

        redisProxy.dropRequests();
        aliceSocket.sendJson(Map.of("content", "never published", "nonce", "alice-1"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.history(bob, room).stream().anyMatch(m -> m.get("content").stringValue().equals("never published")));
        bobSocket.sendJson(Map.of("content", "after it", "nonce", "bob-1"));

        // Bob's message names Alice's as its predecessor; it never arrives, so the receiver reads it back.
        JsonNode filled = bobSocket.next();
        assertThat(filled.get("content").stringValue()).isEqualTo("never published");
        assertThat(filled.path("nonce").asString()).isEqualTo("alice-1");
        JsonNode own = bobSocket.next();
        assertThat(own.get("content").stringValue()).isEqualTo("after it");
        assertThat(own.path("nonce").asString()).isEqualTo("bob-1");
    }
}
