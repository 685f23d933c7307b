package dev.rooms.sdk;

import static dev.rooms.sdk.RestCallsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rooms.sdk.model.RoomType;
import dev.rooms.sdk.model.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TokenRefreshTest {

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
        server.close();
    }

    @Test
    void accessTokenAboutToExpireIsRefreshedBeforeTheCall() throws Exception {
        Tokens old = new Tokens(TestTokens.access(Duration.ofSeconds(10)), "refresh-1");
        store.save(old);
        String fresh = TestTokens.access(Duration.ofHours(24));
        server.enqueue(json(200, "{\"access\":\"" + fresh + "\"}"));
        server.enqueue(json(200, "[]"));

        client.rooms().list();

        RecordedRequest refresh = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(refresh.getTarget()).isEqualTo("/auth/token/refresh/");
        assertThat(RestCallsTest.body(refresh)).isEqualTo("{\"refresh\":\"refresh-1\"}");
        RecordedRequest call = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(call.getTarget()).isEqualTo("/api/rooms/");
        assertThat(call.getHeaders().get("Authorization")).isEqualTo("Bearer " + fresh);
        assertThat(store.load()).contains(new Tokens(fresh, "refresh-1"));
    }

    @Test
    void accessTokenFarFromExpiryIsNotRefreshed() throws Exception {
        store.save(TestTokens.longLived());
        server.enqueue(json(200, "[]"));

        client.rooms().list();

        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void after401TheTokenIsRefreshedOnceAndTheCallRepeated() throws Exception {
        Tokens old = TestTokens.longLived();
        store.save(old);
        String fresh = TestTokens.access(Duration.ofHours(24));
        server.enqueue(json(401, "{\"detail\":\"Given token not valid for any token type\",\"code\":\"token_not_valid\"}"));
        server.enqueue(json(200, "{\"access\":\"" + fresh + "\"}"));
        server.enqueue(json(200, "[]"));

        assertThat(client.rooms().list()).isEmpty();

        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo("Bearer " + old.access());
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getTarget()).isEqualTo("/auth/token/refresh/");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Authorization"))
                .isEqualTo("Bearer " + fresh);
    }

    @Test
    void secondConsecutive401SurfacesWithoutAnotherRefresh() {
        store.save(TestTokens.longLived());
        server.enqueue(json(401, "{\"detail\":\"User not found\",\"code\":\"user_not_found\"}"));
        server.enqueue(json(200, "{\"access\":\"" + TestTokens.access(Duration.ofHours(1)) + "\"}"));
        server.enqueue(json(401, "{\"detail\":\"User not found\",\"code\":\"user_not_found\"}"));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.rooms().list());

        assertThat(e.code()).isEqualTo("user_not_found");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void failedRefreshSurfacesAsAuthenticationException() {
        store.save(TestTokens.longLived());
        server.enqueue(json(401, "{\"detail\":\"Given token not valid for any token type\",\"code\":\"token_not_valid\"}"));
        server.enqueue(json(401, "{\"detail\":\"Token is invalid or expired\",\"code\":\"token_not_valid\"}"));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.rooms().list());

        assertThat(e).hasMessage("Token is invalid or expired");
        assertThat(e.code()).isEqualTo("token_not_valid");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void refreshAnsweredWithAServerErrorSurfacesAsAuthenticationException() {
        store.save(TestTokens.longLived());
        server.enqueue(json(401, "{\"detail\":\"Given token not valid for any token type\"}"));
        server.enqueue(json(500, "{\"detail\":\"Internal server error\"}"));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.rooms().list());

        assertThat(e.status()).isEqualTo(401);
        assertThat(e).hasMessage("Token refresh failed: Internal server error");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void refreshThatCannotBeAnsweredSurfacesAsTransportExceptionAndKeepsTheTokens() throws Exception {
        Tokens old = TestTokens.longLived();
        store.save(old);
        server.enqueue(json(401, "{\"detail\":\"Given token not valid for any token type\"}"));
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());

        TransportException e = catchThrowableOfType(TransportException.class, () -> client.rooms().list());

        assertThat(e).hasMessageContaining("POST " + server.url("/auth/token/refresh/"));
        assertThat(store.load()).contains(old);
    }

    @Test
    void after401APostIsSentAgainWithItsBodyAndTheNewToken() throws Exception {
        Tokens old = TestTokens.longLived();
        store.save(old);
        String fresh = TestTokens.access(Duration.ofHours(24));
        server.enqueue(json(401, "{\"detail\":\"Given token not valid for any token type\"}"));
        server.enqueue(json(200, "{\"access\":\"" + fresh + "\"}"));
        server.enqueue(json(201, RestCallsTest.ROOM_JSON));

        client.rooms().create("Lobby", "Say hello", RoomType.CHAT);

        RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest again = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(again.getMethod()).isEqualTo("POST");
        assertThat(again.getTarget()).isEqualTo(first.getTarget());
        assertThat(RestCallsTest.body(again)).isEqualTo(RestCallsTest.body(first)).contains("Lobby");
        assertThat(again.getHeaders().get("Authorization")).isEqualTo("Bearer " + fresh);
    }

    @Test
    void wrongPasswordAtLoginIsTheAnswerWithoutARefresh() {
        store.save(TestTokens.longLived());
        server.enqueue(json(401, "{\"detail\":\"No active account found with the given credentials\"}"));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> client.auth().login("ada@example.com", "wrong"));

        assertThat(e).hasMessage("No active account found with the given credentials");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void refreshWhenNotLoggedInIsAnAuthenticationException() {
        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.auth().refresh());

        assertThat(e.status()).isEqualTo(401);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void manyThreadsHittingAnExpiringTokenCauseExactlyOneRefresh() throws Exception {
        store.save(new Tokens(TestTokens.access(Duration.ofSeconds(5)), "refresh-1"));
        String fresh = TestTokens.access(Duration.ofHours(24));
        AtomicInteger refreshes = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getTarget().equals("/auth/token/refresh/")) {
                    refreshes.incrementAndGet();
                    return json(200, "{\"access\":\"" + fresh + "\"}");
                }
                boolean authorised = ("Bearer " + fresh).equals(request.getHeaders().get("Authorization"));
                return authorised ? json(200, "[]") : json(401, "{\"detail\":\"Given token not valid for any token type\"}");
            }
        });
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> calls = new ArrayList<>();

        for (int i = 0; i < threads; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return client.rooms().list();
            }));
        }
        for (Future<?> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(server.getRequestCount()).isEqualTo(threads + 1);
    }

    @Test
    void manyThreadsGetting401CauseExactlyOneRefresh() throws Exception {
        Tokens old = TestTokens.longLived();
        store.save(old);
        String fresh = TestTokens.access(Duration.ofHours(24));
        AtomicInteger refreshes = new AtomicInteger();
        int threads = 16;
        CountDownLatch allRejected = new CountDownLatch(threads);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getTarget().equals("/auth/token/refresh/")) {
                    refreshes.incrementAndGet();
                    return json(200, "{\"access\":\"" + fresh + "\"}");
                }
                if (("Bearer " + old.access()).equals(request.getHeaders().get("Authorization"))) {
                    // Hold every first answer until all threads sent the old token, so all of them see a 401 together.
                    allRejected.countDown();
                    allRejected.await(5, TimeUnit.SECONDS);
                    return json(401, "{\"detail\":\"Given token not valid for any token type\"}");
                }
                return json(200, "[]");
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> calls = new ArrayList<>();

        for (int i = 0; i < threads; i++) {
            calls.add(pool.submit(() -> client.rooms().list()));
        }
        for (Future<?> call : calls) {
            call.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(refreshes.get()).isEqualTo(1);
        assertThat(store.load().orElseThrow().access()).isEqualTo(fresh);
    }
}
