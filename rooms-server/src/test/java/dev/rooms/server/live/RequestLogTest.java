package dev.rooms.server.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.ServerProcess;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One access-log line per request with a request id, and nothing secret in the log: the whole output of a
 * flow (registration, login, REST calls, a socket opened with {@code ?token=}, chat) is captured and searched.
 */
class RequestLogTest extends LiveServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private CapturedLog log;

    /** After the Spring context is up: starting one resets Logback, which would drop the appender. */
    @BeforeEach
    void startCapturing() {
        log = new CapturedLog();
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    @Test
    void flowThenOneLinePerRequestAndNoTokenPasswordOrMessageContentInTheLog() throws Exception {
        TestUser alice = api.register("Alice");
        long room = api.createRoom(alice);
        String content = "confidential-" + UUID.randomUUID();
        SocketClient socket = SocketClient.openWithQueryToken(port, room, alice.access());
        socket.sendJson(Map.of("content", content));
        assertThat(socket.next().get("content").stringValue()).isEqualTo(content);
        assertThat(api.history(alice, room)).hasSize(1);
        socket.close();
        socket.awaitClose(10);

        HttpResponse<String> traced = get("/api/rooms/", alice.access(), "trace-" + room);

        assertThat(traced.headers().firstValue("X-Request-Id")).hasValue("trace-" + room);
        await().untilAsserted(() -> assertThat(log.text())
                .contains("GET /api/rooms/ 200 ")
                .contains("user=" + alice.id() + " request_id=trace-" + room)
                .contains("POST /auth/login/ 200 ")
                .containsPattern("GET /ws/chat/" + room + "/ 101 \\d+ ms user=" + alice.id() + " request_id=[0-9a-f-]{36}")
                .containsPattern("GET /api/rooms/" + room + "/messages/ 200 \\d+ ms user=" + alice.id()));
        assertThat(log.text())
                .doesNotContain(alice.access())
                .doesNotContain(alice.refresh())
                .doesNotContain("correct-horse-battery")
                .doesNotContain(content)
                .doesNotContain("token=");
    }

    @Test
    void requestIdThatIsNotAnIdThenANewOneInstead() throws Exception {
        HttpResponse<String> sane = get("/api/rooms/", null, "lb-7f3a.2:x_1");
        HttpResponse<String> insane = get("/api/rooms/", null, "id with spaces {and} more");
        HttpResponse<String> none = get("/api/rooms/", null, null);

        assertThat(sane.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a.2:x_1");
        assertThat(insane.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f-]{36}"));
        assertThat(none.headers().firstValue("X-Request-Id")).hasValueSatisfying(id ->
                assertThat(id).matches("[0-9a-f-]{36}"));
        await().untilAsserted(() -> assertThat(log.text()).contains("GET /api/rooms/ 401 ")
                .contains("user=- request_id=lb-7f3a.2:x_1"));
        assertThat(log.text()).doesNotContain("{and}");
    }

    @Test
    void structuredLoggingSettingThenAccessLinesAreJsonWithTheRequestId() throws Exception {
        try (ServerProcess server = new ServerProcess("json-logs", List.of(
                "--spring.datasource.url=jdbc:h2:mem:json-logs;DB_CLOSE_DELAY=-1",
                "--rooms.data-dir=target/live-test-data",
                "--logging.structured.format.console=ecs"), Map.of()).start()) {
            String requestId = "json-" + UUID.randomUUID();
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/auth/login/"))
                    .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"nobody@example.com\", \"password\": \"hunter2-secret\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(401);

            await().untilAsserted(() -> assertThat(Files.readString(server.log())).contains(requestId));
            List<String> lines = Files.readAllLines(server.log());
            String line = lines.stream().filter(l -> l.contains(requestId)).findFirst().orElseThrow();
            JsonNode entry = ApiClient.JSON.readTree(line);

            assertThat(entry.get("request_id").stringValue()).isEqualTo(requestId);
            assertThat(entry.get("message").stringValue()).startsWith("POST /auth/login/ 401 ");
            assertThat(entry.get("http_status").intValue()).isEqualTo(401);
            assertThat(entry.get("url_path").stringValue()).isEqualTo("/auth/login/");
            assertThat(entry.get("duration_ms").isIntegralNumber()).isTrue();
            assertThat(entry.get("log").get("level").stringValue()).isEqualTo("INFO");
            assertThat(lines).noneMatch(l -> l.contains("hunter2-secret"));
            assertThat(lines.stream().filter(l -> l.startsWith("{"))).hasSizeGreaterThan(5);
        }
    }

    private HttpResponse<String> get(String path, String token, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
