package dev.rooms.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The zero-configuration server, stopped and started again on the same data directory. */
class RestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path parent;

    private Path dataDir;

    @BeforeEach
    void dataDirectoryTheServerCreates() {
        dataDir = parent.resolve("data");
    }

    @Test
    void restartKeepsAccountsRoomsTokensAndRevocations() throws Exception {
        String access;
        String revoked;
        String kept;
        long room;
        try (ConfigurableApplicationContext server = start()) {
            int port = port(server);
            post(port, "/auth/register/", "{\"email\":\"keep@example.com\",\"name\":\"Keep\",\"password\":\"vq7!fhz-Ru2m\"}", null);
            JsonNode first = post(port, "/auth/login/", "{\"email\":\"keep@example.com\",\"password\":\"vq7!fhz-Ru2m\"}", null).json;
            JsonNode second = post(port, "/auth/login/", "{\"email\":\"keep@example.com\",\"password\":\"vq7!fhz-Ru2m\"}", null).json;
            access = first.get("access").asString();
            revoked = first.get("refresh").asString();
            kept = second.get("refresh").asString();
            room = post(port, "/api/rooms/", "{\"name\":\"Lasting\",\"room_type\":\"chat\"}", access).json.get("id").asLong();
            assertThat(post(port, "/auth/logout/", "{\"refresh\":\"" + revoked + "\"}", access).status).isEqualTo(200);
        }

        Path secret = dataDir.resolve("jwt-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");

        try (ConfigurableApplicationContext server = start()) {
            int port = port(server);
            assertThat(get(port, "/api/rooms/" + room + "/", access).status).isEqualTo(200);
            assertThat(post(port, "/auth/token/refresh/", "{\"refresh\":\"" + revoked + "\"}", null).status).isEqualTo(401);
            assertThat(post(port, "/auth/token/refresh/", "{\"refresh\":\"" + kept + "\"}", null).status).isEqualTo(200);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RoomsServerApplication.class)
                .run("--server.port=0", "--rooms.data-dir=" + dataDir, "--spring.main.banner-mode=off");
    }

    private static int port(ConfigurableApplicationContext server) {
        return ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    private record Reply(int status, JsonNode json) {
    }

    private Reply get(int port, String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET());
    }

    private Reply post(int port, String path, String body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private Reply send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }
}
