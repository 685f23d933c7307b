package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.SecretKey;

import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestTokens;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Authentication on every path, forged and misused tokens, and the protocol-level error bodies. */
abstract class SecurityApiTests extends ApiTest {

    private static final String NOT_PROVIDED = "{\"detail\":\"Authentication credentials were not provided.\"}";

    @Test
    void everyProtectedEndpointWithoutTokenThen401() {
        String[][] endpoints = {
                {"GET", "/auth/profile/"}, {"PATCH", "/auth/profile/"}, {"PUT", "/auth/profile/"},
                {"DELETE", "/auth/profile/"}, {"POST", "/auth/logout/"}, {"GET", "/api/rooms/"}, {"POST", "/api/rooms/"},
                {"GET", "/api/rooms/1/"}, {"PATCH", "/api/rooms/1/"}, {"PUT", "/api/rooms/1/"}, {"DELETE", "/api/rooms/1/"},
                {"GET", "/api/rooms/1/messages/"}};

        for (String[] endpoint : endpoints) {
            ApiClient.Response response = api.send(endpoint[0], endpoint[1], "application/json", "{}".getBytes());

            assertThat(response.status()).as(Arrays.toString(endpoint)).isEqualTo(401);
            assertThat(response.json()).as(Arrays.toString(endpoint)).isEqualTo(json(NOT_PROVIDED));
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
        }
    }

    @Test
    void anotherAuthorizationSchemeThen401NotProvided() {
        ApiClient.Response response = api.send("GET", "/api/rooms/", null, null, "Authorization", "Basic dXNlcjpwYXNz");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).isEqualTo(json(NOT_PROVIDED));
    }

    @Test
    void bearerWithoutTokenThen401BadHeader() {
        ApiClient.Response response = api.send("GET", "/api/rooms/", null, null, "Authorization", "Bearer");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).isEqualTo(json(
                "{\"detail\":\"Authorization header must contain two space-delimited values\",\"code\":\"bad_authorization_header\"}"));
    }

    @Test
    void tamperedPayloadThen401() {
        TestUser user = newUser();
        TestUser victim = newUser();
        String[] parts = user.access().split("\\.");
        String payload = decode(parts[1]).replace("\"user_id\":" + user.id(), "\"user_id\":" + victim.id());

        ApiClient.Response response = api.get("/auth/profile/", parts[0] + "." + encode(payload) + "." + parts[2]);

        assertThat(payload).contains("\"user_id\":" + victim.id());
        assertInvalidAccessToken(response, "Token is invalid or expired");
    }

    @Test
    void unsignedAlgNoneTokenThen401() {
        TestUser user = newUser();
        String payload = decode(user.access().split("\\.")[1]);

        ApiClient.Response response = api.get("/auth/profile/",
                encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(payload) + ".");

        assertInvalidAccessToken(response, "Token is invalid or expired");
    }

    @Test
    void tokenSignedWithAnotherKeyThen401() {
        TestUser user = newUser();
        SecretKey otherKey = TestTokens.key("another-secret-0123456789abcdefghijklmnopqrstuvwxyz");

        ApiClient.Response response = api.get("/auth/profile/", token(user.id(), "access", Instant.now().plusSeconds(60), otherKey));

        assertInvalidAccessToken(response, "Token is invalid or expired");
    }

    @Test
    void expiredAccessTokenThen401() {
        TestUser user = newUser();
        String expired = token(user.id(), "access", Instant.now().minusSeconds(5), TestTokens.key(TestTokens.SECRET));
        String valid = token(user.id(), "access", Instant.now().plusSeconds(60), TestTokens.key(TestTokens.SECRET));

        assertInvalidAccessToken(api.get("/auth/profile/", expired), "Token is invalid or expired");
        assertThat(api.get("/auth/profile/", valid).status()).isEqualTo(200);
    }

    @Test
    void expiredRefreshTokenThen401() {
        TestUser user = newUser();
        String expired = token(user.id(), "refresh", Instant.now().minusSeconds(5), TestTokens.key(TestTokens.SECRET));

        ApiClient.Response response = api.post("/auth/token/refresh/", "{\"refresh\":\"" + expired + "\"}", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).isEqualTo(json("{\"detail\":\"Token is invalid or expired\",\"code\":\"token_not_valid\"}"));
    }

    @Test
    void refreshTokenUsedAsAccessTokenThen401() {
        TestUser user = newUser();

        assertInvalidAccessToken(api.get("/api/rooms/", user.refresh()), "Token has wrong type");
    }

    @Test
    void publicEndpointsIgnoreABadToken() {
        ApiClient.Response response = api.post("/auth/register/", "{\"email\":\"bad-token-" + System.nanoTime()
                + "@example.com\",\"name\":\"N\",\"password\":\"" + PASSWORD + "\"}", "garbage");

        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void unknownUrlThen404WithOrWithoutToken() {
        TestUser user = newUser();

        // "/" is the browser client's page (H2WebClientApiTest).
        for (String path : new String[] {"/nothing/", "/api/", "/api/users/", "/auth/register", "/api/rooms/1/x/"}) {
            for (String token : new String[] {null, user.access(), "garbage"}) {
                ApiClient.Response response = api.get(path, token);

                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.json()).isEqualTo(notFound());
            }
        }
    }

    @Test
    void nonNumericRoomIdThen404() {
        TestUser user = newUser();

        for (String id : new String[] {"abc", "1.5", "99999999999999999999999"}) {
            assertThat(api.get("/api/rooms/" + id + "/", user.access()).json()).isEqualTo(notFound());
            assertThat(api.get("/api/rooms/" + id + "/messages/", user.access()).status()).isEqualTo(404);
            assertThat(api.delete("/api/rooms/" + id + "/", user.access()).status()).isEqualTo(404);
        }
    }

    @Test
    void wrongMethodThen405() {
        TestUser user = newUser();

        ApiClient.Response getLogin = api.get("/auth/login/", null);
        ApiClient.Response postRoom = api.post("/api/rooms/1/", "{}", user.access());
        ApiClient.Response deleteList = api.delete("/api/rooms/", user.access());

        assertThat(getLogin.status()).isEqualTo(405);
        assertThat(getLogin.json()).isEqualTo(json("{\"detail\":\"Method \\\"GET\\\" not allowed.\"}"));
        assertThat(postRoom.status()).isEqualTo(405);
        assertThat(postRoom.json()).isEqualTo(json("{\"detail\":\"Method \\\"POST\\\" not allowed.\"}"));
        assertThat(deleteList.json()).isEqualTo(json("{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}"));
    }

    @Test
    void wrongContentTypeThen415() {
        ApiClient.Response response = api.send("POST", "/auth/login/", "text/plain", "hello".getBytes());

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json()).isEqualTo(json("{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}"));
    }

    @Test
    void malformedJsonThen400WithParseError() {
        TestUser user = newUser();

        ApiClient.Response response = api.post("/api/rooms/", "{\"name\": \"unterminated", user.access());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).startsWith("JSON parse error - ");
        assertThat(response.json().propertyNames()).containsExactly("detail");
    }

    @Test
    void jsonThatIsNotAnObjectThen400() {
        ApiClient.Response list = api.post("/auth/login/", "[1, 2]", null);
        ApiClient.Response string = api.post("/auth/login/", "\"text\"", null);

        assertThat(list.status()).isEqualTo(400);
        assertThat(list.json()).isEqualTo(json("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got list.\"]}"));
        assertThat(string.json()).isEqualTo(json("{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got str.\"]}"));
    }

    @Test
    void oneMegabyteBodyThen413() {
        TestUser user = newUser();
        byte[] body = megabyteOfJson();

        ApiClient.Response declared = api.send("POST", "/api/rooms/", "application/json", body,
                "Authorization", "Bearer " + user.access());
        ApiClient.Response chunked = api.postChunked("/api/rooms/", body, user.access());

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json()).isEqualTo(json("{\"detail\":\"Request body too large.\"}"));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json()).isEqualTo(json("{\"detail\":\"Request body too large.\"}"));
        assertThat(api.get("/api/rooms/", user.access()).status()).isEqualTo(200);
    }

    @Test
    void errorsAreJsonWhateverTheClientAccepts() {
        TestUser user = newUser();

        ApiClient.Response response = api.send("GET", "/api/rooms/0/", null, null,
                "Authorization", "Bearer " + user.access(), "Accept", "text/html");
        ApiClient.Response unauthenticated = api.send("GET", "/api/rooms/", null, null, "Accept", "text/html");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json()).isEqualTo(notFound());
        assertThat(unauthenticated.contentType()).startsWith("application/json");
        assertThat(unauthenticated.json()).isEqualTo(json(NOT_PROVIDED));
    }

    private void assertInvalidAccessToken(ApiClient.Response response, String reason) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
        JsonNode body = response.json();
        assertThat(body).isEqualTo(json("""
                {"detail":"Given token not valid for any token type","code":"token_not_valid",
                 "messages":[{"token_class":"AccessToken","token_type":"access","message":"%s"}]}""".formatted(reason)));
    }

    private static String token(long userId, String type, Instant expiresAt, SecretKey key) {
        return TestTokens.token(key, type, userId, expiresAt.minus(Duration.ofHours(1)), expiresAt);
    }

    private static byte[] megabyteOfJson() {
        StringBuilder json = new StringBuilder("{\"name\":\"x\",\"room_type\":\"chat\",\"description\":\"");
        json.append("a".repeat(1024 * 1024)).append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
