package dev.rooms.server.live;

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

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void requestsLoggedThenInfoEventsCountedAndEveryLevelExported() {
        PrometheusScrape before = PrometheusScrape.of(managementPort);

        for (int i = 0; i < 5; i++) {
            new ApiClient(port).get("/api/rooms/", null);
        }

        await().untilAsserted(() -> assertThat(
                PrometheusScrape.of(managementPort).sum("logback_events_total", "level=\"info\"")
                        - before.sum("logback_events_total", "level=\"info\""))
                .as("one access line per request").isGreaterThanOrEqualTo(5));
        assertThat(before.text()).contains("logback_events_total{", "level=\"error\"", "level=\"warn\"", "level=\"debug\"",
                "level=\"trace\"");
        assertThat(before.text().split("# TYPE logback_events_total counter", -1)).as("registered once").hasSize(2);
    }

    @Test
    void unknownPathOnTheManagementPortThenA404AndNoWarning() {
        PrometheusScrape before = PrometheusScrape.of(managementPort);

        for (int i = 0; i < 3; i++) {
            ApiClient.Response answer = new ApiClient(managementPort).get("/readyz", null);
            assertThat(answer.status()).isEqualTo(404);
        }

        PrometheusScrape after = PrometheusScrape.of(managementPort);
        assertThat(after.sum("logback_events_total", "level=\"warn\"") - before.sum("logback_events_total", "level=\"warn\""))
                .isZero();
    }
}
