package dev.rooms.server.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code logback.events} (operations.LogEventCounts) counts the lines logged, by level, as Micrometer's did. A
 * context of its own: a server started later in the same JVM configures logging again, which ends an earlier
 * context's counting (one server per process in production).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:log-event-counts;DB_CLOSE_DELAY=-1",
        "rooms.data-dir=target/log-event-counts-data",
        "rooms.jwt-secret=" + TestTokens.SECRET,
})
class LogEventCountsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void requestsLoggedThenInfoEventsCountedAndEveryLevelExported() throws Exception {
        String before = scrape();

        for (int i = 0; i < 5; i++) {
            new ApiClient(port).get("/api/rooms/", null);
        }

        await().untilAsserted(() -> assertThat(
                LiveMetricsTest.sample(scrape(), "logback_events_total", "level=\"info\"")
                        - LiveMetricsTest.sample(before, "logback_events_total", "level=\"info\""))
                .as("one access line per request").isGreaterThanOrEqualTo(5));
        assertThat(before).contains("logback_events_total{", "level=\"error\"", "level=\"warn\"", "level=\"debug\"",
                "level=\"trace\"");
        assertThat(before.split("# TYPE logback_events_total counter", -1)).as("registered once").hasSize(2);
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
