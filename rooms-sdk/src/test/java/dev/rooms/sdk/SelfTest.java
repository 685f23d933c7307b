package dev.rooms.sdk;

import static dev.rooms.sdk.RestCallsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rooms.sdk.model.Tokens;
import dev.rooms.sdk.model.User;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SelfTest {

    private static final String ADA = "{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada\","
            + "\"date_joined\":\"2026-11-25T15:59:11Z\"}";
    private static final String BOB = "{\"id\":2,\"email\":\"bob@example.com\",\"name\":\"Bob\","
            + "\"date_joined\":\"2026-11-25T15:59:11Z\"}";

    private final MockWebServer server = new MockWebServer();
    private final TokenStore store = TokenStore.inMemory();
    private RoomsClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        client = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void selfWhenAskedTwiceThenAsksTheServerOnce() throws Exception {
        Tokens ada = TestTokens.longLived(1);
        server.enqueue(json(200, tokensJson(ada)));
        server.enqueue(json(200, ADA));
        client.auth().login("ada@example.com", "pw");

        User first = client.self();
        User second = client.self();

        assertThat(first.name()).isEqualTo("Ada");
        assertThat(second).isSameAs(first);
        assertThat(server.getRequestCount()).isEqualTo(2);
        server.takeRequest();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/auth/profile/");
    }

    @Test
    void selfWhenAnotherUserLoggedInMeanwhileThenAsksAgain() {
        server.enqueue(json(200, tokensJson(TestTokens.longLived(1))));
        server.enqueue(json(200, ADA));
        server.enqueue(json(200, tokensJson(TestTokens.longLived(2))));
        server.enqueue(json(200, BOB));
        client.auth().login("ada@example.com", "pw");
        assertThat(client.self().id()).isEqualTo(1);

        client.auth().login("bob@example.com", "pw");

        assertThat(client.self().id()).isEqualTo(2);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void selfWhenProfileChangedThenKnowsTheNewNameWithoutAnotherRequest() {
        store.save(TestTokens.longLived(1));
        server.enqueue(json(200, ADA));
        server.enqueue(json(200, ADA.replace("\"Ada\"", "\"Ada Lovelace\"")));
        client.self();

        client.auth().updateProfile(ProfileChanges.builder().name("Ada Lovelace").build());

        assertThat(client.self().name()).isEqualTo("Ada Lovelace");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void selfWhenNotLoggedInThenAuthenticationExceptionWithoutARequest() {
        assertThatThrownBy(client::self).isInstanceOf(AuthenticationException.class)
                .hasMessage("Not logged in: log in first.");
        assertThat(server.getRequestCount()).isZero();
    }

    private static String tokensJson(Tokens tokens) {
        return "{\"refresh\":\"" + tokens.refresh() + "\",\"access\":\"" + tokens.access() + "\"}";
    }
}
