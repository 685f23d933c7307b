package dev.rooms.server.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Prometheus on the management port, scraped before and after real socket traffic. */
class LiveMetricsTest extends LiveServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @LocalManagementPort
    int managementPort;

    @Test
    void chatTrafficThenLiveFiguresMoveOnTheManagementPort() throws Exception {
        String before = scrape();
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
            String during = scrape();
            assertThat(sample(during, "rooms_live_connections")).isGreaterThanOrEqualTo(2);
            assertThat(sample(during, "rooms_live_rooms")).isGreaterThanOrEqualTo(1);
            assertThat(sample(during, "rooms_live_outgoing_queued_characters")).isGreaterThanOrEqualTo(0);
            assertThat(sample(during, "rooms_live_messages_stored_total") - sample(before, "rooms_live_messages_stored_total"))
                    .isGreaterThanOrEqualTo(3);
            assertThat(sample(during, "rooms_live_deliveries_total", "kind=\"chat\"")
                    - sample(before, "rooms_live_deliveries_total", "kind=\"chat\"")).isGreaterThanOrEqualTo(6);
            assertThat(sample(during, "rooms_live_receive_to_broadcast_seconds_count")
                    - sample(before, "rooms_live_receive_to_broadcast_seconds_count")).isGreaterThanOrEqualTo(3);
            assertThat(sample(during, "rooms_live_receive_to_broadcast_seconds_bucket", "le=\"+Inf\""))
                    .as("a histogram, with buckets").isGreaterThanOrEqualTo(3);
        });
        bobSocket.close();
        bobSocket.awaitClose(10);
        aliceSocket.send("x".repeat(70_000)); // over the 64 KiB frame limit: the server closes with 1009
        assertThat(aliceSocket.awaitClose(10).code()).isEqualTo(1009);

        await().untilAsserted(() -> {
            String after = scrape();
            assertThat(sample(after, "rooms_live_closes_total", "code=\"1000\"", "reason=\"peer\"")
                    - sample(before, "rooms_live_closes_total", "code=\"1000\"", "reason=\"peer\"")).isGreaterThanOrEqualTo(1);
            assertThat(sample(after, "rooms_live_closes_total", "code=\"1009\"", "reason=\"message too big\"")
                    - sample(before, "rooms_live_closes_total", "code=\"1009\"", "reason=\"message too big\""))
                    .isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void scrapeHasBootsHttpJvmAndJettyMetricsAndTheBrokerCounters() throws Exception {
        api.register("Carol");

        String metrics = scrape();

        assertThat(sample(metrics, "http_server_requests_seconds_count", "uri=\"/auth/register/\"")).isPositive();
        assertThat(sample(metrics, "jvm_memory_used_bytes")).isPositive();
        assertThat(metrics).contains("rooms_live_broker_reconnects_total");
        assertThat(metrics).as("the web server's own").contains("jetty_threads_current", "jetty_connections_current");
    }

    @Test
    void apiPortDoesNotServeTheActuator() throws Exception {
        HttpResponse<String> response = get(port, "/actuator/prometheus");

        assertThat(response.statusCode()).isIn(401, 404);
        assertThat(response.body()).doesNotContain("jvm_");
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = get(managementPort, "/actuator/prometheus");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The sum of the samples of {@code name} whose labels include every one of {@code labels}. */
    static double sample(String scrape, String name, String... labels) {
        double sum = 0;
        for (String line : scrape.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (!line.startsWith("#") && sample.matches() && sample.group(1).equals(name)) {
                String found = sample.group(2) == null ? "" : sample.group(2);
                boolean all = true;
                for (String label : labels) {
                    all &= found.contains(label);
                }
                if (all) {
                    sum += Double.parseDouble(sample.group(3));
                }
            }
        }
        return sum;
    }
}
