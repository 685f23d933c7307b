package dev.rooms.sdk;

import static dev.rooms.sdk.RestCallsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rooms.sdk.model.RoomType;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {

    private final MockWebServer server = new MockWebServer();
    private final TokenStore store = TokenStore.inMemory();
    private RoomsClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        store.save(TestTokens.longLived());
        client = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerWhenEmailTakenThenValidationExceptionWithFieldErrors() {
        server.enqueue(json(400, "{\"email\":[\"A user with this email already exists.\"],"
                + "\"password\":[\"This password is too short. It must contain at least 8 characters.\","
                + "\"This password is too common.\"]}"));

        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> client.auth().register("a@example.com", "A", "pw"));

        assertThat(e.status()).isEqualTo(400);
        assertThat(e.detail()).isNull();
        assertThat(e.fieldErrors()).containsExactly(
                Map.entry("email", List.of("A user with this email already exists.")),
                Map.entry("password", List.of("This password is too short. It must contain at least 8 characters.",
                        "This password is too common.")));
        assertThat(e.getMessage()).isEqualTo("email: A user with this email already exists.; "
                + "password: This password is too short. It must contain at least 8 characters. "
                + "This password is too common.");
    }

    @Test
    void singleFieldErrorReadsWell() {
        server.enqueue(json(400, "{\"email\":[\"A user with this email already exists.\"]}"));

        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> client.auth().register("a@example.com", "A", "pw"));

        assertThat(e).hasMessage("email: A user with this email already exists.");
    }

    @Test
    void malformedJsonDetailIsTheMessage() {
        server.enqueue(json(400, "{\"detail\":\"JSON parse error - Unexpected end\"}"));

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> client.rooms().list());

        assertThat(e.detail()).isEqualTo("JSON parse error - Unexpected end");
        assertThat(e.fieldErrors()).isEmpty();
        assertThat(e).hasMessage("JSON parse error - Unexpected end");
    }

    @Test
    void loginWithWrongPasswordThenAuthenticationException() {
        server.enqueue(json(401, "{\"detail\":\"No active account found with the given credentials\"}"));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client.auth().login("a@example.com", "wrong"));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e).hasMessage("No active account found with the given credentials");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void forbiddenCarriesDetail() {
        server.enqueue(json(403, "{\"detail\":\"You can only delete rooms you created.\"}"));

        ForbiddenException e = catchThrowableOfType(ForbiddenException.class, () -> client.rooms().delete(1));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e).hasMessage("You can only delete rooms you created.");
    }

    @Test
    void notFoundCarriesDetail() {
        server.enqueue(json(404, "{\"detail\":\"Not found.\"}"));

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.rooms().get(99));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.detail()).isEqualTo("Not found.");
    }

    @Test
    void otherStatusesArePlainApiExceptionsWithCode() {
        server.enqueue(json(405, "{\"detail\":\"Method \\\"GET\\\" not allowed.\",\"code\":\"method_not_allowed\"}"));
        server.enqueue(new MockResponse.Builder().code(502).body("<html>Bad gateway</html>").build());

        ApiException notAllowed = catchThrowableOfType(ApiException.class, () -> client.rooms().list());
        ApiException gateway = catchThrowableOfType(ApiException.class, () -> client.rooms().list());

        assertThat(notAllowed.getClass()).isEqualTo(ApiException.class);
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.code()).isEqualTo("method_not_allowed");
        assertThat(notAllowed).hasMessage("Method \"GET\" not allowed.");
        assertThat(gateway.status()).isEqualTo(502);
        assertThat(gateway).hasMessage("HTTP 502 Bad Gateway (the answer had no error details)");
    }

    @Test
    void errorsThatConcernNoSingleFieldReadWithoutTheirKey() {
        server.enqueue(json(400, "{\"non_field_errors\":[\"Passwords do not match.\"],\"name\":[\"Too long.\"]}"));

        ValidationException e = catchThrowableOfType(ValidationException.class, () -> client.rooms().list());

        assertThat(e.fieldErrors()).containsKeys("non_field_errors", "name");
        assertThat(e).hasMessage("Passwords do not match.; name: Too long.");
    }

    @Test
    void authenticationErrorReadsAsTheDetailAndKeepsTheCodeApart() {
        server.enqueue(json(401, "{\"detail\":\"Given token not valid for any token type\",\"code\":\"token_not_valid\"}"));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client.auth().login("a@example.com", "pw"));

        assertThat(e).hasMessage("Given token not valid for any token type");
        assertThat(e.code()).isEqualTo("token_not_valid");
    }

    @Test
    void rateLimitedWithoutDetailStillReadsWell() {
        server.enqueue(new MockResponse.Builder().code(429).build());

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client.rooms().list());

        assertThat(e).hasMessage("HTTP 429 Too Many Requests (the answer had no error details)");
        assertThat(e.retryAfter()).isEmpty();
        assertThat(server.getRequestCount()).as("no Retry-After, no retry").isEqualTo(1);
    }

    @Test
    void rateLimitedWithAnHttpDateRetryAfterIsRetried() throws Exception {
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", past).build());
        server.enqueue(json(200, "[]"));

        assertThat(client.rooms().list()).isEmpty();

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void rateLimitedWithAFarHttpDateSurfacesAtOnceWithTheWait() {
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", inAnHour).build());

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client.rooms().list());

        assertThat(e.retryAfter()).hasValueSatisfying(wait -> assertThat(wait)
                .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61)));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void serverThatStopsAnsweringIsATimeoutTransportExceptionNotUnreachable() {
        RoomsClient impatient = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store)
                .readTimeout(Duration.ofMillis(200)).build();
        server.enqueue(json(200, "[]").newBuilder().headersDelay(5, TimeUnit.SECONDS).build());

        TransportException e = catchThrowableOfType(TransportException.class, () -> impatient.rooms().list());

        assertThat(e).hasMessageStartingWith("No answer to GET " + server.url("/api/rooms/") + " in time (")
                .hasCauseInstanceOf(SocketTimeoutException.class);
        impatient.close();
    }

    @Test
    void rateLimitedIsRetriedAfterRetryAfterThenSucceeds() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0")
                .body("{\"detail\":\"Request was throttled.\"}").build());
        server.enqueue(json(200, "[]"));

        assertThat(client.rooms().list()).isEmpty();

        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void rateLimitedBeyondTheRetryBudgetSurfacesWithRetryAfter() {
        RoomsClient oneRetry = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store)
                .maxRateLimitRetries(1).build();
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0")
                    .body("{\"detail\":\"Request was throttled. Expected available in 0 seconds.\"}").build());
        }

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> oneRetry.rooms().list());

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ZERO);
        assertThat(e).hasMessage("Request was throttled. Expected available in 0 seconds.");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void rateLimitedPostIsSentAgainWithItsBodySinceTheServerDidNotActOnIt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "0").build());
        server.enqueue(json(201, RestCallsTest.ROOM_JSON));

        client.rooms().create("Lobby", null, RoomType.CHAT);

        RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest again = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(again.getMethod()).isEqualTo("POST");
        assertThat(RestCallsTest.body(again)).isEqualTo(RestCallsTest.body(first)).contains("Lobby");
        assertThat(again.getHeaders().get("Authorization")).isEqualTo(first.getHeaders().get("Authorization"));
    }

    @Test
    void serviceUnavailableWithAWaitIsTheAnswerNotRetried() {
        server.enqueue(json(503, "{\"detail\":\"Service unavailable\"}").newBuilder()
                .addHeader("Retry-After", "1").build());

        ApiException e = catchThrowableOfType(ApiException.class, () -> client.rooms().list());

        assertThat(e.status()).isEqualTo(503);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void interruptedWhileWaitingOutRetryAfterSurfacesAtOnceAndKeepsTheInterrupt() throws Exception {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "60").build());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        CompletableFuture<Boolean> stillInterrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            failure.complete(catchThrowableOfType(TransportException.class, () -> client.rooms().list()));
            stillInterrupted.complete(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(server.takeRequest(30, TimeUnit.SECONDS)).as("the first attempt").isNotNull();

        caller.interrupt();

        assertThat(failure.get(30, TimeUnit.SECONDS))
                .hasMessageStartingWith("Interrupted during GET " + server.url("/api/rooms/"));
        assertThat(stillInterrupted.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitedWithRetryAfterLongerThanTheMaximumSurfacesAtOnce() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());

        RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> client.rooms().list());

        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
