package dev.rooms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.ToLongFunction;

import dev.rooms.bench.reference.ReferenceServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference server of scripts/bench --reference, driven by the generator's own scenarios, small: their
 * checks (every message in history reaching every socket of its room once, in id order, with its nonce; every
 * upgrade answered 101) are what make its figures comparable with Rooms'.
 */
class GeneratorAgainstReferenceServerTest {

    private ReferenceServer server;
    private String url;
    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws InterruptedException {
        server = ReferenceServer.start("127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void throughputScenarioDeliversEveryMessageOnceInHistoryOrderWithItsNonce() {
        long failures = run(context -> inLoop(loop -> new ThroughputScenario(context, loop).run()),
                "--scenario", "throughput", "--rooms", "5", "--clients", "3", "--rate", "5", "--duration", "2",
                "--warmup", "0");

        assertThat(failures).as(report()).isZero();
        assertThat(report()).contains("check        lost 0, duplicated 0, reordered 0")
                .contains("nonce mismatch 0")
                .containsPattern("messages sent, [1-9][0-9,]* in history");
    }

    @Test
    void handshakeScenarioUpgradesEverySocket() {
        long failures = run(context -> inLoop(loop -> new HandshakeScenario(context, loop).run()),
                "--scenario", "handshakes", "--handshakes", "50", "--token-in", "query");

        assertThat(failures).as(report()).isZero();
        assertThat(report()).contains("upgraded     50/50");
    }

    @Test
    void requestWithoutTokenThen401AndHistoryOfUnknownRoomThen404() throws Exception {
        String token = ScenarioContext.of(BenchOptions.parse("--url", url), new PrintStream(report), "t")
                .login("reader", "Reader");

        HttpResponse<String> anonymous = get("/api/rooms/", null);
        HttpResponse<String> unknownRoom = get("/api/rooms/999/messages/", token);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"detail\":\"Authentication credentials were not provided.\"}");
        assertThat(unknownRoom.statusCode()).isEqualTo(404);
        assertThat(unknownRoom.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    private long run(ToLongFunction<ScenarioContext> scenario, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "--url";
        args[1] = url;
        System.arraycopy(options, 0, args, 2, options.length);
        PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8);
        return scenario.applyAsLong(ScenarioContext.of(BenchOptions.parse(args), out, "test"));
    }

    private static long inLoop(ToLongFunction<EventLoop> scenario) {
        try (EventLoop loop = new EventLoop()) {
            return scenario.applyAsLong(loop);
        }
    }

    private String report() {
        return report.toString(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
