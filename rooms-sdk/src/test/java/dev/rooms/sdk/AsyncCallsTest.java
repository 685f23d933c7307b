package dev.rooms.sdk;

import static dev.rooms.sdk.RestCallsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncCallsTest {

    private static final String ROOM_JSON = "{\"id\":3,\"name\":\"Lobby\",\"description\":\"\","
            + "\"creator\":{\"id\":1,\"email\":\"user@example.com\",\"name\":\"User Name\"},"
            + "\"room_type\":\"chat\",\"created_at\":\"2024-01-03T00:00:00Z\",\"is_active\":true}";

    private final MockWebServer server = new MockWebServer();
    private final TokenStore tokens = TokenStore.inMemory();
    /** The REST call reads the tokens on the thread it runs on: this records which. */
    private final List<String> callThreads = new CopyOnWriteArrayList<>();
    private final TokenStore store = new TokenStore() {
        @Override
        public Optional<Tokens> load() {
            callThreads.add(Thread.currentThread().getName());
            return tokens.load();
        }

        @Override
        public void save(Tokens saved) {
            tokens.save(saved);
        }

        @Override
        public void clear() {
            tokens.clear();
        }
    };

    @BeforeEach
    void start() throws Exception {
        server.start();
        tokens.save(TestTokens.longLived());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void asyncCallWhenAnsweredThenRunsOnTheClientsOwnThreadAndCompletesWithTheResult() throws Exception {
        server.enqueue(json(200, "[" + ROOM_JSON + "]"));

        try (RoomsClient client = client(null)) {
            List<Room> rooms = client.rooms().listAsync().get(5, TimeUnit.SECONDS);

            assertThat(rooms).extracting(Room::name).containsExactly("Lobby");
        }
        assertThat(callThreads).isNotEmpty().allSatisfy(name -> assertThat(name).startsWith("rooms-async-"));
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request.getTarget()).isEqualTo("/api/rooms/");
    }

    @Test
    void asyncCallWhenTheServerRefusesThenTheFutureFailsWithTheSdksExceptionUnwrapped() throws Exception {
        server.enqueue(json(404, "{\"detail\":\"Not found.\"}"));
        AtomicReference<Throwable> seen = new AtomicReference<>();

        try (RoomsClient client = client(null)) {
            client.rooms().getAsync(42).exceptionally(failure -> {
                seen.set(failure);
                return null;
            }).get(5, TimeUnit.SECONDS);
        }

        assertThat(seen.get()).isExactlyInstanceOf(NotFoundException.class).hasMessage("Not found.");
    }

    @Test
    void asyncCallWithAGivenExecutorThenRunsThereAndCloseLeavesTheExecutorRunning() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        ExecutorService pool = Executors.newSingleThreadExecutor(task -> new Thread(task, "bot-pool"));
        try {
            try (RoomsClient client = client(pool)) {
                client.rooms().deleteAsync(3).get(5, TimeUnit.SECONDS);
            }

            assertThat(callThreads).isNotEmpty().containsOnly("bot-pool");
            assertThat(pool.isShutdown()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void asyncCallAfterCloseThenFailsWithIllegalState() {
        RoomsClient client = client(null);
        client.close();

        CompletableFuture<List<Room>> rooms = client.rooms().listAsync();

        assertThat(rooms).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .havingCause().isExactlyInstanceOf(IllegalStateException.class)
                .withMessage("this RoomsClient is closed");
        assertThat(server.getRequestCount()).isZero();
    }

    private RoomsClient client(ExecutorService executor) {
        RoomsClient.Builder builder = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store);
        if (executor != null) {
            builder.asyncExecutor(executor);
        }
        return builder.build();
    }
}
