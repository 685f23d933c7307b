package dev.rooms.server.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.rooms.sdk.testing.TcpProxy;
import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.RequiredServices;
import dev.rooms.testing.ServerInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The load balancers' probes on the API port: {@code /readyz} follows the broker (a Redis of the test's own,
 * killed and started again) and the database (PostgreSQL behind a proxy that is cut), {@code /livez} follows
 * neither; neither needs a token nor shows details.
 */
class ReadinessTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private RedisServerProcess redis;
    private ServerInstance server;

    private TcpProxy databaseProxy;
    private String database;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (databaseProxy != null) {
            databaseProxy.close();
        }
        if (database != null) {
            RequiredServices.dropPostgresDatabase(database);
        }
    }

    @Test
    void redisLostThenNotReadyButAliveAndReadyAgainOnceItIsBack() throws Exception {
        RequiredServices.requireRedisServerBinary();
        redis = new RedisServerProcess().start();
        server = ServerInstance.start(RoomsServerApplication.class, Map.of(
                "spring.datasource.url", "jdbc:h2:mem:readiness-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "rooms.redis.url", redis.url()));
        assertThat(probe("/readyz")).isEqualTo(new Probe(200, "{\"status\":\"UP\"}"));
        assertThat(probe("/livez")).isEqualTo(new Probe(200, "{\"status\":\"UP\"}"));

        redis.kill();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(probe("/readyz")).isEqualTo(new Probe(503, "{\"status\":\"OUT_OF_SERVICE\"}")));
        assertThat(probe("/livez")).isEqualTo(new Probe(200, "{\"status\":\"UP\"}"));

        redis.start();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(probe("/readyz")).isEqualTo(new Probe(200, "{\"status\":\"UP\"}")));
    }

    @Test
    void databaseUnreachableThenNotReadyButAliveAndReadyAgainOnceItIsBack() throws Exception {
        RequiredServices.requirePostgres();
        database = RequiredServices.createPostgresDatabase("rooms_readiness");
        URI direct = URI.create(database.substring("jdbc:".length()));
        databaseProxy = new TcpProxy(direct.getPort());
        int proxyPort = URI.create(databaseProxy.url()).getPort();
        server = ServerInstance.start(RoomsServerApplication.class, Map.of(
                "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + proxyPort + direct.getPath(),
                "spring.datasource.username", RequiredServices.POSTGRES_USER,
                "spring.datasource.password", RequiredServices.POSTGRES_PASSWORD,
                // A probe must answer quickly: a pool waiting 30 s for a connection would hold it that long.
                "spring.datasource.hikari.connection-timeout", "2000"));
        assertThat(probe("/readyz")).isEqualTo(new Probe(200, "{\"status\":\"UP\"}"));

        databaseProxy.cutAndRefuse();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(probe("/readyz")).isEqualTo(new Probe(503, "{\"status\":\"DOWN\"}")));
        assertThat(probe("/livez")).isEqualTo(new Probe(200, "{\"status\":\"UP\"}"));

        databaseProxy.allow();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(probe("/readyz")).isEqualTo(new Probe(200, "{\"status\":\"UP\"}")));
    }

    private Probe probe(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        return new Probe(response.statusCode(), response.body());
    }

    private record Probe(int status, String body) {
    }
}
