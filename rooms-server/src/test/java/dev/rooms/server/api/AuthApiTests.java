package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import dev.rooms.server.message.MessageService;
import dev.rooms.server.room.RoomDeleted;
import dev.rooms.server.user.UserDeleted;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code /auth/*}: registration, login, tokens, logout, profile, account deletion. */
abstract class AuthApiTests extends ApiTest {

    @Autowired
    MessageService messages;

    @Autowired
    RecordedEvents events;

    @Test
    void registerThenProfileWithoutPasswordOrTokens() {
        ApiClient.Response response = api.post("/auth/register/",
                "{\"email\":\"new-" + System.nanoTime() + "@Example.COM\",\"name\":\"  John Doe \",\"password\":\"" + PASSWORD + "\"}",
                null);

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactly("id", "email", "name", "date_joined");
        assertThat(body.get("email").asString()).startsWith("new-").endsWith("@example.com");
        assertThat(body.get("name").asString()).isEqualTo("John Doe");
        assertThat(body.get("date_joined").asString()).endsWith("Z");
        assertThat(Instant.parse(body.get("date_joined").asString())).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void registerWhenEmailTakenInAnotherCaseThen400() {
        TestUser user = newUser();

        ApiClient.Response response = api.post("/auth/register/",
                "{\"email\":\"" + user.email().toUpperCase() + "\",\"name\":\"Copy\",\"password\":\"" + PASSWORD + "\"}", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("{\"email\":[\"A user with this email already exists.\"]}"));
    }

    @Test
    void registerWhenFieldsMissingThenEachIsRequired() {
        ApiClient.Response response = api.post("/auth/register/", "{}", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("""
                {"email":["This field is required."],"name":["This field is required."],
                 "password":["This field is required."]}"""));
    }

    @Test
    void registerWhenFieldsBlankNullOrWrongTypeThen400PerField() {
        ApiClient.Response response = api.post("/auth/register/",
                "{\"email\":\"  \",\"name\":null,\"password\":12345678}", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("""
                {"email":["This field may not be blank."],"name":["This field may not be null."],
                 "password":["Not a valid string."]}"""));
    }

    @Test
    void registerWhenEmailInvalidThen400() {
        ApiClient.Response response = api.post("/auth/register/",
                "{\"email\":\"not-an-email\",\"name\":\"N\",\"password\":\"" + PASSWORD + "\"}", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("{\"email\":[\"Enter a valid email address.\"]}"));
    }

    @Test
    void registerWhenPasswordBreaksSeveralRulesThenAllAreListed() {
        ApiClient.Response response = api.post("/auth/register/",
                "{\"email\":\"short-" + System.nanoTime() + "@example.com\",\"name\":\"N\",\"password\":\"1234\"}", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("""
                {"password":["This password is too short. It must contain at least 8 characters.",
                             "This password is too common.", "This password is entirely numeric."]}"""));
    }

    @Test
    void registerWhenPasswordLooksLikeEmailOrNameThen400() {
        ApiClient.Response likeEmail = api.post("/auth/register/",
                "{\"email\":\"margaretha.lindqvist@example.com\",\"name\":\"M\",\"password\":\"Lindqvist\"}", null);
        ApiClient.Response likeName = api.post("/auth/register/",
                "{\"email\":\"ml-" + System.nanoTime() + "@example.com\",\"name\":\"Bartholomew Quince\","
                        + "\"password\":\"bartholomew1\"}", null);

        assertThat(likeEmail.status()).isEqualTo(400);
        assertThat(likeEmail.json()).isEqualTo(json("{\"password\":[\"The password is too similar to the email.\"]}"));
        assertThat(likeName.status()).isEqualTo(400);
        assertThat(likeName.json()).isEqualTo(json("{\"password\":[\"The password is too similar to the name.\"]}"));
    }

    @Test
    void loginThenAccessAndRefreshTokensWithTheOriginalsClaims() {
        TestUser user = newUser();

        JsonNode access = claims(user.access());
        JsonNode refresh = claims(user.refresh());

        assertThat(access.get("token_type").asString()).isEqualTo("access");
        assertThat(access.get("user_id").asLong()).isEqualTo(user.id());
        assertThat(access.get("exp").asLong() - access.get("iat").asLong()).isEqualTo(24 * 3600);
        assertThat(access.get("jti").asString()).isNotBlank();
        assertThat(refresh.get("token_type").asString()).isEqualTo("refresh");
        assertThat(refresh.get("exp").asLong() - refresh.get("iat").asLong()).isEqualTo(7 * 24 * 3600);
        assertThat(header(user.access()).get("alg").asString()).isEqualTo("HS256");
    }

    @Test
    void loginIgnoresLetterCaseOfEmail() {
        TestUser user = newUser();

        ApiClient.Response response = login(user.email().toUpperCase(), PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactlyInAnyOrder("access", "refresh");
    }

    @Test
    void loginWhenPasswordWrongOrEmailUnknownThenSame401() {
        TestUser user = newUser();

        ApiClient.Response wrongPassword = login(user.email(), "not-the-password");
        ApiClient.Response unknownEmail = login("nobody-" + System.nanoTime() + "@example.com", PASSWORD);

        for (ApiClient.Response response : new ApiClient.Response[] {wrongPassword, unknownEmail}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json()).isEqualTo(json("{\"detail\":\"No active account found with the given credentials\"}"));
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
        }
    }

    @Test
    void loginWhenFieldsMissingThen400() {
        ApiClient.Response response = api.post("/auth/login/", "{\"email\":\"\"}", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json(
                "{\"email\":[\"This field may not be blank.\"],\"password\":[\"This field is required.\"]}"));
    }

    @Test
    void refreshThenNewAccessTokenThatWorks() {
        TestUser user = newUser();

        ApiClient.Response response = api.post("/auth/token/refresh/", "{\"refresh\":\"" + user.refresh() + "\"}", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("access");
        String access = response.json().get("access").asString();
        assertThat(api.get("/auth/profile/", access).json().get("id").asLong()).isEqualTo(user.id());
    }

    @Test
    void refreshWithAccessTokenThen401WrongType() {
        TestUser user = newUser();

        ApiClient.Response response = api.post("/auth/token/refresh/", "{\"refresh\":\"" + user.access() + "\"}", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).isEqualTo(json("{\"detail\":\"Token has wrong type\",\"code\":\"token_not_valid\"}"));
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"api\"");
    }

    @Test
    void refreshWithGarbageThen401() {
        ApiClient.Response response = api.post("/auth/token/refresh/", "{\"refresh\":\"garbage\"}", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).isEqualTo(json("{\"detail\":\"Token is invalid or expired\",\"code\":\"token_not_valid\"}"));
    }

    @Test
    void refreshWithoutTokenThen400() {
        ApiClient.Response response = api.post("/auth/token/refresh/", "{}", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(json("{\"refresh\":[\"This field is required.\"]}"));
    }

    @Test
    void logoutThenMessage() {
        TestUser user = newUser();

        ApiClient.Response response = api.send("POST", "/auth/logout/", null, null, "Authorization", "Bearer " + user.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(json("{\"message\":\"Successfully logged out\"}"));
    }

    @Test
    void logoutWithRefreshTokenRevokesIt() {
        TestUser user = newUser();

        ApiClient.Response logout = api.post("/auth/logout/", "{\"refresh\":\"" + user.refresh() + "\"}", user.access());
        ApiClient.Response refresh = api.post("/auth/token/refresh/", "{\"refresh\":\"" + user.refresh() + "\"}", null);

        assertThat(logout.status()).isEqualTo(200);
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.json()).isEqualTo(json("{\"detail\":\"Token is blacklisted\",\"code\":\"token_not_valid\"}"));
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void logoutWithSomethingThatIsNotItsRefreshTokenThen400() {
        TestUser user = newUser();
        TestUser other = newUser();

        ApiClient.Response garbage = api.post("/auth/logout/", "{\"refresh\":\"garbage\"}", user.access());
        ApiClient.Response access = api.post("/auth/logout/", "{\"refresh\":\"" + user.access() + "\"}", user.access());
        ApiClient.Response othersToken = api.post("/auth/logout/", "{\"refresh\":\"" + other.refresh() + "\"}", user.access());

        assertThat(garbage.json()).isEqualTo(json("{\"refresh\":[\"Token is invalid or expired\"]}"));
        assertThat(access.json()).isEqualTo(json("{\"refresh\":[\"Token has wrong type\"]}"));
        assertThat(othersToken.json()).isEqualTo(json("{\"refresh\":[\"Token is invalid or expired\"]}"));
        assertThat(new int[] {garbage.status(), access.status(), othersToken.status()}).containsOnly(400);
        assertThat(api.post("/auth/token/refresh/", "{\"refresh\":\"" + other.refresh() + "\"}", null).status())
                .isEqualTo(200);
    }

    @Test
    void logoutWithoutTokenThen401() {
        ApiClient.Response response = api.post("/auth/logout/", "{}", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json()).isEqualTo(json("{\"detail\":\"Authentication credentials were not provided.\"}"));
    }

    @Test
    void profileThenCurrentUser() {
        TestUser user = newUser();

        ApiClient.Response response = api.get("/auth/profile/", user.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("id").asLong()).isEqualTo(user.id());
        assertThat(response.json().get("email").asString()).isEqualTo(user.email());
        assertThat(response.json().get("name").asString()).isEqualTo(user.name());
        assertThat(response.json().propertyNames()).containsExactly("id", "email", "name", "date_joined");
    }

    @Test
    void patchProfileChangesNameAndEmailAndIgnoresReadOnlyFields() {
        TestUser user = newUser();
        JsonNode before = api.get("/auth/profile/", user.access()).json();
        String newEmail = "renamed-" + System.nanoTime() + "@example.com";

        ApiClient.Response response = api.patch("/auth/profile/", "{\"name\":\"Renamed\",\"email\":\"" + newEmail
                + "\",\"id\":999999,\"date_joined\":\"2000-01-01T00:00:00Z\",\"password\":\"x\"}", user.access());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(json("{\"id\":" + user.id() + ",\"email\":\"" + newEmail
                + "\",\"name\":\"Renamed\",\"date_joined\":\"" + before.get("date_joined").asString() + "\"}"));
        assertThat(login(newEmail, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void patchProfileWhenEmailTakenOrInvalidThen400() {
        TestUser user = newUser();
        TestUser other = newUser();

        ApiClient.Response taken = api.patch("/auth/profile/", "{\"email\":\"" + other.email() + "\"}", user.access());
        ApiClient.Response invalid = api.patch("/auth/profile/", "{\"email\":\"nope\",\"name\":\"\"}", user.access());
        ApiClient.Response ownEmail = api.patch("/auth/profile/", "{\"email\":\"" + user.email() + "\"}", user.access());

        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json()).isEqualTo(json("{\"email\":[\"A user with this email already exists.\"]}"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json()).isEqualTo(json(
                "{\"email\":[\"Enter a valid email address.\"],\"name\":[\"This field may not be blank.\"]}"));
        assertThat(ownEmail.status()).isEqualTo(200);
    }

    @Test
    void deleteAccountThenTokensRejectedAndRoomsAndMessagesGone() {
        TestUser user = newUser();
        TestUser other = newUser();
        long ownRoom = createRoom(user, "Doomed").get("id").asLong();
        long othersRoom = createRoom(other, "Stays").get("id").asLong();
        messages.postMessage(ownRoom, other.id(), "in the doomed room");
        messages.postMessage(othersRoom, user.id(), "by the leaving user");
        messages.postMessage(othersRoom, other.id(), "by the staying user");

        ApiClient.Response deleted = api.delete("/auth/profile/", user.access());

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        ApiClient.Response profile = api.get("/auth/profile/", user.access());
        assertThat(profile.status()).isEqualTo(401);
        assertThat(profile.json()).isEqualTo(json("{\"detail\":\"User not found\",\"code\":\"user_not_found\"}"));
        ApiClient.Response refresh = api.post("/auth/token/refresh/", "{\"refresh\":\"" + user.refresh() + "\"}", null);
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(login(user.email(), PASSWORD).status()).isEqualTo(401);
        assertThat(api.get("/api/rooms/" + ownRoom + "/", other.access()).status()).isEqualTo(404);
        assertThat(api.get("/api/rooms/" + othersRoom + "/messages/", other.access()).json())
                .extracting(message -> message.get("content").asString())
                .containsExactly("by the staying user");
        assertThat(events.committed()).contains(new UserDeleted(user.id()), new RoomDeleted(ownRoom));
    }

    private static JsonNode claims(String token) {
        return ApiClient.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static JsonNode header(String token) {
        return ApiClient.json(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }
}
