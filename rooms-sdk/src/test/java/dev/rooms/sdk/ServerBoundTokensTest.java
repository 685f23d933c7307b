package dev.rooms.sdk;

import static dev.rooms.sdk.RestCallsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rooms.sdk.model.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens in a file belong to the server they came from: a client of another server never sends them. */
class ServerBoundTokensTest {

    private final MockWebServer serverA = new MockWebServer();
    private final MockWebServer serverB = new MockWebServer();

    @TempDir
    Path directory;

    private Path file;

    @BeforeEach
    void start() throws Exception {
        serverA.start();
        serverB.start();
        file = directory.resolve("tokens.json");
    }

    @AfterEach
    void stop() {
        serverA.close();
        serverB.close();
    }

    @Test
    void aClientOfAnotherServerSendsNeitherTheAccessTokenNorTheRefreshToken() throws Exception {
        Tokens tokensOfA = TestTokens.longLived();
        serverA.enqueue(json(200, "{\"access\":\"" + tokensOfA.access() + "\",\"refresh\":\"" + tokensOfA.refresh()
                + "\"}"));
        client(serverA).auth().login("ada@example.com", "pw");
        serverA.takeRequest(5, TimeUnit.SECONDS);
        serverB.enqueue(json(401, "{\"detail\":\"Authentication credentials were not provided.\"}"));
        RoomsClient clientOfB = client(serverB);

        AuthenticationException listing = catchThrowableOfType(AuthenticationException.class,
                () -> clientOfB.rooms().list());
        AuthenticationException refreshing = catchThrowableOfType(AuthenticationException.class,
                () -> clientOfB.auth().refresh());
        clientOfB.auth().logout();

        assertThat(listing).isNotNull();
        assertThat(refreshing).isNotNull();
        assertThat(serverB.getRequestCount()).isEqualTo(1);
        RecordedRequest list = serverB.takeRequest(5, TimeUnit.SECONDS);
        assertThat(list.getTarget()).isEqualTo("/api/rooms/");
        assertThat(list.getHeaders().get("Authorization")).isNull();
        assertThat(clientOfB.tokenStore().load()).isEmpty();
        assertThat(client(serverA).tokenStore().load()).contains(tokensOfA);
        assertThat(Files.readString(file)).contains("\"server\":\"" + serverA.url("/") + "\"");
    }

    @Test
    void theClientOfTheTokensServerStillSendsThem() throws Exception {
        Tokens tokens = TestTokens.longLived();
        new FileTokenStore(file).forServer(serverA.url("/").toString()).save(tokens);
        serverA.enqueue(json(200, "[]"));

        client(serverA).rooms().list();

        assertThat(serverA.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo("Bearer " + tokens.access());
    }

    @Test
    void aRedirectToAnotherServerIsFollowedWithoutTheToken() throws Exception {
        Tokens tokens = TestTokens.longLived();
        new FileTokenStore(file).forServer(serverA.url("/").toString()).save(tokens);
        serverA.enqueue(new MockResponse.Builder().code(302)
                .addHeader("Location", serverB.url("/api/rooms/").toString()).build());
        serverB.enqueue(json(200, "[]"));

        client(serverA).rooms().list();

        assertThat(serverA.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo("Bearer " + tokens.access());
        RecordedRequest redirected = serverB.takeRequest(5, TimeUnit.SECONDS);
        assertThat(redirected.getTarget()).isEqualTo("/api/rooms/");
        assertThat(redirected.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void loggingInToAnotherServerReplacesTheTokensAndLogoutThereLeavesTheOtherServersAlone() throws Exception {
        FileTokenStore store = new FileTokenStore(file);
        TokenStore ofA = store.forServer(serverA.url("/").toString());
        TokenStore ofB = store.forServer(serverB.url("/").toString());
        ofA.save(new Tokens("access-a", "refresh-a"));

        ofB.clear();

        assertThat(ofA.load()).contains(new Tokens("access-a", "refresh-a"));

        ofB.save(new Tokens("access-b", "refresh-b"));

        assertThat(ofA.load()).isEmpty();
        assertThat(ofB.load()).contains(new Tokens("access-b", "refresh-b"));
    }

    @Test
    void aFileWithoutAServerBelongsToTheLegacyServerOnly() throws Exception {
        Files.writeString(file, "{\"access\":\"old-access\",\"refresh\":\"old-refresh\"}");
        String a = serverA.url("/").toString();
        String b = serverB.url("/").toString();

        assertThat(new FileTokenStore(file).withLegacyServer(a).forServer(a).load())
                .contains(new Tokens("old-access", "old-refresh"));
        assertThat(new FileTokenStore(file).withLegacyServer(a).forServer(b).load()).isEmpty();
        assertThat(new FileTokenStore(file).forServer(a).load()).isEmpty();
    }

    @Test
    void serversCompareBySchemeHostPortAndPathOnly() {
        FileTokenStore store = new FileTokenStore(file);
        store.forServer("http://LocalHost:80/rooms").save(new Tokens("a", "r"));

        assertThat(store.forServer("http://localhost/rooms/").load()).isPresent();
        assertThat(store.forServer("http://user:secret@localhost/rooms/").load()).isPresent();
        assertThat(store.forServer("https://localhost/rooms/").load()).isEmpty();
        assertThat(store.forServer("http://localhost:8000/rooms/").load()).isEmpty();
        assertThat(store.forServer("http://localhost/").load()).isEmpty();
        assertThat(store.forServer("http://127.0.0.1/rooms/").load()).isEmpty();
        assertThat(store.forServer("http://localhost/rooms/").server()).contains("http://localhost/rooms/");
    }

    private RoomsClient client(MockWebServer server) {
        return RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(TokenStore.file(file)).build();
    }
}
