package dev.rooms.server.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.rooms.server.RoomsServerApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nodes sharing a database (here one in-memory H2 database, as several nodes share PostgreSQL) agree on their key. */
class SigningKeyAgreementTest {

    private static final String OLD = "cluster-secret-one-0123456789abcdefghijklmnop";
    private static final String NEW = "cluster-secret-two-0123456789abcdefghijklmnop";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String database = "jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(ConfigurableApplicationContext::close);
    }

    private int startNode(String secret, String previousSecret) {
        return startNode(secret, previousSecret, null);
    }

    private int startNode(String secret, String previousSecret, String nextSecret) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database,
                "--rooms.jwt-secret=" + secret, "--logging.level.root=warn"));
        if (previousSecret != null) {
            arguments.add("--rooms.jwt-previous-secret=" + previousSecret);
        }
        if (nextSecret != null) {
            arguments.add("--rooms.jwt-next-secret=" + nextSecret);
        }
        ConfigurableApplicationContext node = new SpringApplicationBuilder(RoomsServerApplication.class)
                .run(arguments.toArray(String[]::new));
        nodes.add(node);
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    @Test
    void nodeWithTheSameSecretThenTokensOfOneWorkOnTheOther() throws Exception {
        int first = startNode(OLD, null);
        int second = startNode(OLD, null);

        String access = login(first);

        assertThat(roomsStatus(second, access)).isEqualTo(200);
    }

    @Test
    void nodeWithAnotherSecretThenRefusesToStartNamingTheSetting() {
        startNode(OLD, null);

        assertThatThrownBy(() -> startNode(NEW, null))
                .rootCause()
                .isInstanceOf(SigningKeyMismatchException.class)
                .hasMessageStartingWith("rooms.jwt-secret (ROOMS_JWT_SECRET, or the generated <data-dir>/jwt-secret when unset)"
                        + " is not the secret the other nodes of this database sign tokens with")
                .hasMessageContaining(SigningKeys.fingerprint(NEW).substring(0, 12))
                .hasMessageContaining(SigningKeys.fingerprint(OLD).substring(0, 12))
                .hasMessageNotContaining(NEW)
                .hasMessageNotContaining(OLD);
    }

    @Test
    void refusalReportSaysHowToRotate() {
        FailureAnalysis analysis = new SigningKeyMismatchFailureAnalyzer()
                .analyze(new RuntimeException(new SigningKeyMismatchException("differs")));

        assertThat(analysis.getDescription()).isEqualTo("differs");
        assertThat(analysis.getAction()).contains("rooms.jwt-previous-secret (ROOMS_JWT_PREVIOUS_SECRET)",
                "DELETE FROM signing_key;");
    }

    @Test
    void rotationThenNewNodeAcceptsOldTokensSignsWithTheNewAndAnOldNodeIsRefused() throws Exception {
        int old = startNode(OLD, null);
        String oldToken = login(old);
        nodes.remove(0).close();

        int rotated = startNode(NEW, OLD);
        String newToken = login(rotated);

        assertThat(roomsStatus(rotated, oldToken)).isEqualTo(200);
        assertThat(roomsStatus(rotated, newToken)).isEqualTo(200);
        assertThatThrownBy(() -> startNode(OLD, null))
                .rootCause()
                .isInstanceOf(SigningKeyMismatchException.class)
                .hasMessageContaining("(it is the secret the cluster rotated away from)");
        int second = startNode(NEW, null);
        assertThat(roomsStatus(second, newToken)).isEqualTo(200);
        assertThat(roomsStatus(second, oldToken)).isEqualTo(401);
    }

    @Test
    void rollingRotationThenEveryNodeAcceptsTheTokensOfEveryOtherAtEachStep() throws Exception {
        int a = startNode(OLD, null);
        startNode(OLD, null);
        String oldToken = login(a);

        // Step 1, node by node: accept the next secret's tokens, still sign with the old one.
        nodes.remove(0).close();
        int a1 = startNode(OLD, null, NEW);
        nodes.remove(0).close();
        int b1 = startNode(OLD, null, NEW);
        assertThat(roomsStatus(a1, oldToken)).isEqualTo(200);

        // Step 2, node by node: sign with the new secret, accept the old one's tokens. The first records the rotation.
        nodes.remove(0).close();
        int a2 = startNode(NEW, OLD);
        String newToken = login(a2);
        String stillOldToken = login(b1);
        assertThat(roomsStatus(b1, newToken)).as("a node of step 1 accepts a rotated node's token").isEqualTo(200);
        assertThat(roomsStatus(a2, stillOldToken)).as("a rotated node accepts a step-1 node's token").isEqualTo(200);
        assertThatThrownBy(() -> startNode(OLD, null, NEW))
                .as("a node restarted with step 1's settings after the rotation")
                .rootCause()
                .isInstanceOf(SigningKeyMismatchException.class)
                .hasMessageContaining("(it is the secret the cluster rotated away from)");
        nodes.remove(0).close();
        int b2 = startNode(NEW, OLD);

        assertThat(roomsStatus(b2, newToken)).isEqualTo(200);
        assertThat(roomsStatus(b2, oldToken)).isEqualTo(200);
    }

    @Test
    void nodeWithTheSecretsSwappedAfterARotationThenRefusedRatherThanRotatingBack() throws Exception {
        startNode(OLD, null);
        nodes.remove(0).close();
        int rotated = startNode(NEW, OLD);
        String newToken = login(rotated);

        assertThatThrownBy(() -> startNode(OLD, NEW))
                .rootCause()
                .isInstanceOf(SigningKeyMismatchException.class)
                .hasMessageContaining("(it is the secret the cluster rotated away from)");
        int second = startNode(NEW, null);
        assertThat(roomsStatus(second, newToken)).as("the recorded secret is still the new one").isEqualTo(200);
    }

    private static String login(int port) throws Exception {
        String email = "key-" + UUID.randomUUID() + "@example.com";
        String credentials = "{\"email\": \"" + email + "\", \"password\": \"correct-horse-battery-key\"}";
        post(port, "/auth/register/", "{\"name\": \"Key\", " + credentials.substring(1));
        return JsonMapper.builder().build().readTree(post(port, "/auth/login/", credentials)).get("access").stringValue();
    }

    private static String post(int port, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static int roomsStatus(int port, String access) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms/"))
                .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
