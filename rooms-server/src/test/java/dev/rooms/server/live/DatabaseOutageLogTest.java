package dev.rooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.rooms.sdk.testing.TcpProxy;
import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.RequiredServices;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.TestUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL outage (the database behind a proxy that is cut) under REST traffic and a socket's handshake: every
 * request that needs the database is answered 503 at once in DRF's words, and the log has one line when it goes
 * and one, with the count, when it is back; no stack trace per request.
 */
class DatabaseOutageLogTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TcpProxy databaseProxy;
    private String database;
    private ServerInstance server;
    private CapturedLog log;

    @AfterEach
    void stop() {
        if (log != null) {
            log.close();
        }
        if (server != null) {
            server.close();
        }
        if (databaseProxy != null) {
            databaseProxy.close();
        }
        if (database != null) {
            RequiredServices.dropPostgresDatabase(database);
        }
    }

    @Test
    void databaseOutageUnderRequestsThen503sOneLineWhenItGoesAndOneWithTheCountWhenItIsBack() throws Exception {
        RequiredServices.requirePostgres();
        database = RequiredServices.createPostgresDatabase("rooms_db_outage");
        URI direct = URI.create(database.substring("jdbc:".length()));
        databaseProxy = new TcpProxy(direct.getPort());
        server = ServerInstance.start(RoomsServerApplication.class, Map.of(
                "spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + URI.create(databaseProxy.url()).getPort()
                        + direct.getPath(),
                "spring.datasource.username", RequiredServices.POSTGRES_USER,
                "spring.datasource.password", RequiredServices.POSTGRES_PASSWORD));
        ApiClient api = new ApiClient(server.port());
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        TestUser bob = api.register("Bob");
        log = new CapturedLog();

        databaseProxy.cutAndRefuse();
        int requests = 30;
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> answer = i % 2 == 0 ? get(alice, "/api/rooms/")
                    : post(alice, "/api/rooms/" + room + "/messages/", "{\"content\":\"during the outage\"}");
            assertThat(answer.statusCode()).as("request %d", i).isEqualTo(503);
            assertThat(answer.body()).isEqualTo("{\"detail\":\"Service temporarily unavailable, try again later.\"}");
            assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
        }
        // A socket's handshake that needs the database (a token and a room not checked before) is answered alike.
        RawSocket.Answer handshake = RawSocket.handshake(server.port(), "/ws/chat/" + room + "/",
                "Authorization: Bearer " + bob.access());
        assertThat(handshake.status()).as(handshake.toString()).isEqualTo(503);
        assertThat(handshake.body()).isEqualTo("{\"detail\":\"Service temporarily unavailable, try again later.\"}");
        assertThat(handshake.headers()).containsEntry("retry-after", "5");
        databaseProxy.allow();
        await().atMost(Duration.ofSeconds(40)).until(() -> log.linesAtLeast(Level.INFO).stream()
                .anyMatch(line -> line.contains("is reachable again")));

        assertThat(get(alice, "/api/rooms/").statusCode()).isEqualTo(200);
        List<String> warnings = log.linesAtLeast(Level.WARN);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("PostgreSQL at 127.0.0.1:").contains("is unreachable (SQL state 08")
                .doesNotContain(RequiredServices.POSTGRES_PASSWORD + "@");
        assertThat(log.linesAtLeast(Level.INFO)).filteredOn(line -> line.contains("is reachable again")).singleElement()
                .asString().contains("meanwhile " + (requests + 1) + " request(s) were answered 503");
        assertThat(log.linesAtLeast(Level.INFO)).as("every line at INFO and above").hasSize(2);
    }

    private HttpResponse<String> get(TestUser user, String path) throws Exception {
        return HTTP.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(TestUser user, String path, String json) throws Exception {
        return HTTP.send(request(user, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(TestUser user, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + user.access()).timeout(Duration.ofSeconds(20));
    }
}
