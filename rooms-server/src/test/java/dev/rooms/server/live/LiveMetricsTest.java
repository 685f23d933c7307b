package dev.rooms.server.live;

import java.util.Map;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Prometheus on the management port, scraped before and after real socket traffic. */
class LiveMetricsTest extends LiveServerTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void chatTrafficThenLiveFiguresMoveOnTheManagementPort() {
        PrometheusScrape before = scrape();
        TestUser alice = api.register("Alice");
        TestUser bob = api.register("Bob");
        long room = api.createRoom(alice);
        SocketClient aliceSocket = connect(room, alice);
        SocketClient bobSocket = connect(room, bob);

        for (int i = 0; i < 3; i++) {
            aliceSocket.sendJson(Map.of("content", "metered " + i));
            aliceSocket.next();
            bobSocket.next();
        }
        // Counters move after the frames are written, so a client can hold a frame before its delivery is counted.
        await().untilAsserted(() -> {
            PrometheusScrape during = scrape();
            assertThat(during.sum("rooms_live_connections")).isGreaterThanOrEqualTo(2);
            assertThat(during.sum("rooms_live_rooms")).isGreaterThanOrEqualTo(1);
            assertThat(during.sum("rooms_live_outgoing_queued_characters")).isGreaterThanOrEqualTo(0);
            assertThat(during.sum("rooms_live_messages_stored_total") - before.sum("rooms_live_messages_stored_total"))
                    .isGreaterThanOrEqualTo(3);
            assertThat(during.sum("rooms_live_deliveries_total", "kind=\"chat\"")
                    - before.sum("rooms_live_deliveries_total", "kind=\"chat\"")).isGreaterThanOrEqualTo(6);
            assertThat(during.sum("rooms_live_receive_to_broadcast_seconds_count")
                    - before.sum("rooms_live_receive_to_broadcast_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(during.sum("rooms_live_receive_to_broadcast_seconds_bucket", "le=\"+Inf\""))
                    .as("a histogram, with buckets").isGreaterThanOrEqualTo(3);
        });
        bobSocket.close();
        bobSocket.awaitClose(10);
        aliceSocket.send("x".repeat(70_000)); // over the 64 KiB frame limit: the server closes with 1009
        // The server's count is what is tested here (the code the client sees is ChatSocketTest's): a client still
        // writing the rest of the frame when the server closes may see a reset (1006) instead of the close frame.
        aliceSocket.awaitClose(10);

        await().untilAsserted(() -> {
            PrometheusScrape after = scrape();
            assertThat(after.sum("rooms_live_closes_total", "code=\"1000\"", "reason=\"peer\"")
                    - before.sum("rooms_live_closes_total", "code=\"1000\"", "reason=\"peer\"")).isGreaterThanOrEqualTo(1);
            assertThat(after.sum("rooms_live_closes_total", "code=\"1009\"", "reason=\"message too big\"")
                    - before.sum("rooms_live_closes_total", "code=\"1009\"", "reason=\"message too big\""))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void scrapeHasBootsHttpJvmAndJettyMetricsAndTheBrokerCounters() {
        api.register("Carol");

        PrometheusScrape metrics = scrape();

        assertThat(metrics.sum("http_server_requests_seconds_count", "uri=\"/auth/register/\"")).isPositive();
        assertThat(metrics.sum("jvm_memory_used_bytes")).isPositive();
        assertThat(metrics.text()).contains("rooms_live_broker_reconnects_total");
        assertThat(metrics.text()).as("the web server's own").contains("jetty_threads_current", "jetty_connections_current");
    }

    @Test
    void apiPortDoesNotServeTheActuator() {
        ApiClient.Response response = api.get("/actuator/prometheus", null);

        assertThat(response.status()).isIn(401, 404);
        assertThat(response.body()).doesNotContain("jvm_");
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(managementPort);
    }
}
