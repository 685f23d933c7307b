package dev.rooms.sdk;

import dev.rooms.sdk.internal.AsyncCalls;
import dev.rooms.sdk.internal.HttpApi;
import dev.rooms.sdk.internal.WebSocketRoomConnection;
import dev.rooms.sdk.internal.LiveSettings;
import dev.rooms.sdk.model.User;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The entry point of the SDK: one client per server and user, shared by all threads.
 *
 * <pre>{@code
 * try (RoomsClient client = RoomsClient.builder().baseUrl("http://localhost:8000").build()) {
 *     client.auth().login("ada@example.com", "correct horse battery staple");
 *     Room room = client.rooms().create("Lobby", "Say hello", RoomType.CHAT);
 *     RoomConnection live = client.connect(room.id(), new RoomListener() {
 *         public void onMessage(RoomConnection connection, Message message) {
 *             System.out.println(message.user().name() + ": " + message.content());
 *         }
 *     });
 *     live.awaitOpen(Duration.ofSeconds(10));
 *     live.send("Hello, everyone!").join();
 * }
 * }</pre>
 *
 * <p>REST calls are grouped under {@link #auth()}, {@link #rooms()} and {@link #messages()}; they block the
 * calling thread (the {@code ...All} streams when they fetch a page) and throw {@link ApiException} (the server
 * answered with an error) or {@link TransportException} (it could not be reached). The client attaches the access
 * token from its {@link TokenStore} (only to its own server: see {@link TokenStore#forServer}), refreshes it
 * shortly before it expires or once after a 401 (one refresh however many threads hit it at once), and retries a
 * 429 after its {@code Retry-After} a bounded number of times. Each blocking call has an {@code ...Async} twin
 * ({@code client.rooms().listAsync()}) whose {@link java.util.concurrent.CompletableFuture} completes on the
 * executor given to {@link Builder#asyncExecutor}, or on the client's own pool of at most eight daemon threads
 * (named {@code rooms-async-<n>}, ended by {@link #close()} and after a minute idle).
 *
 * <p><b>Lifecycle.</b> Thread-safe: build one client and share it. {@link #close()} closes every live connection
 * the client made and releases its HTTP resources; a bot that ends should call it (or use try-with-resources).
 * REST calls alone start no threads of the SDK's own (OkHttp's shared daemon threads end by themselves when idle),
 * but every {@link RoomConnection} runs non-daemon threads until it is closed.
 */
public final class RoomsClient implements AutoCloseable {

    /** How long {@link #close()} waits for the live connections to end. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final HttpUrl baseUrl;
    private final HttpApi api;
    private final AsyncCalls async;
    private final Auth auth;
    private final Rooms rooms;
    private final Messages messages;
    private final TokenStore tokenStore;
    private final LiveSettings liveSettings;
    private final OkHttpClient http;
    private final boolean ownsHttp;
    private final Set<WebSocketRoomConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RoomsClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.tokenStore = builder.tokenStore.forServer(baseUrl.toString());
        this.ownsHttp = builder.okHttpClient == null;
        OkHttpClient.Builder http = ownsHttp ? new OkHttpClient.Builder() : builder.okHttpClient.newBuilder();
        http.connectTimeout(builder.connectTimeout).readTimeout(builder.readTimeout).writeTimeout(builder.writeTimeout);
        this.http = http.build();
        this.api = new HttpApi(this.http, baseUrl, builder.userAgent, tokenStore, builder.refreshBeforeExpiry,
                builder.maxRateLimitRetries, builder.maxRetryAfter);
        this.async = new AsyncCalls(builder.asyncExecutor);
        this.auth = new Auth(api, async);
        this.rooms = new Rooms(api, async);
        this.messages = new Messages(api, async);
        this.liveSettings = new LiveSettings(baseUrl, builder.userAgent, builder.connectTimeout,
                builder.pingInterval, builder.pongTimeout, builder.sendTimeout, builder.reconnectPolicy,
                builder.callbackExecutor);
    }

    /**
     * Starts building a client.
     *
     * @return a new builder; {@link Builder#baseUrl(String)} is required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the account calls: register, login, refresh, profile, logout.
     *
     * @return the account calls of this client
     */
    public Auth auth() {
        return auth;
    }

    /**
     * Returns the room calls: list and find, create, get, update, delete, message history.
     *
     * @return the room calls of this client
     */
    public Rooms rooms() {
        return rooms;
    }

    /**
     * Returns the message calls that span rooms: search.
     *
     * @return the message calls of this client
     */
    public Messages messages() {
        return messages;
    }

    /**
     * Returns the logged-in user; the same as {@code auth().self()}: asked of the server once after each login,
     * then known. A bot compares {@code message.user().id()} with {@code client.self().id()} to skip its own
     * messages.
     *
     * @return the logged-in user
     * @throws AuthenticationException if not logged in
     */
    public User self() {
        return auth.self();
    }

    /**
     * Returns the store holding this client's tokens: the given store's {@link TokenStore#forServer view} for this
     * client's base URL.
     *
     * @return the view of the token store given to the builder (the store itself unless it keeps servers apart,
     *         as {@link FileTokenStore} does), or the in-memory default
     */
    public TokenStore tokenStore() {
        return tokenStore;
    }

    /**
     * Returns the server's base URL.
     *
     * @return e.g. {@code http://localhost:8000/}
     */
    public String baseUrl() {
        return baseUrl.toString();
    }

    /**
     * Connects to a room's live channel and delivers messages stored from now on.
     *
     * <p>Returns at once in state {@link ConnectionState#CONNECTING}; the listener hears when the connection is
     * {@link ConnectionState#OPEN}. Before the first handshake the connection reads the room's newest message
     * ({@code ?limit=1}) to learn its id, so that no message is missed between that moment and the socket
     * opening.
     *
     * <p>Failures are reported to the listener, never thrown: a room that does not exist or a user who is not
     * logged in ends the connection ({@link RoomListener#onError}, then {@link RoomListener#onClosed}); a server
     * that cannot be reached is tried again and again with the {@link ReconnectPolicy} — forever by default, so a
     * bot started before its server comes up connects once it does — reporting each failed attempt to
     * {@link RoomListener#onError}. Bound it with {@link ReconnectPolicy#maxAttempts()}, or wait with
     * {@link RoomConnection#awaitOpen(Duration)} and close the connection yourself.
     *
     * @param roomId   the room
     * @param listener receives messages, signals, state changes and errors
     * @return the connection, to send on and to close
     * @throws IllegalStateException if this client is closed
     */
    public RoomConnection connect(long roomId, RoomListener listener) {
        return start(roomId, -1L, Set.of(), listener);
    }

    /**
     * Connects to a room's live channel and first delivers the stored messages with an id greater than
     * {@code afterMessageId} — {@code 0} delivers the whole history — then live ones, each exactly once in id
     * order. Otherwise like {@link #connect(long, RoomListener)}.
     *
     * @param roomId         the room
     * @param afterMessageId deliver messages with a greater id; at least 0
     * @param listener       receives messages, signals, state changes and errors
     * @return the connection, to send on and to close
     * @throws IllegalArgumentException if {@code afterMessageId} is negative
     * @throws IllegalStateException    if this client is closed
     */
    public RoomConnection connect(long roomId, long afterMessageId, RoomListener listener) {
        if (afterMessageId < 0) {
            throw new IllegalArgumentException("afterMessageId < 0: " + afterMessageId);
        }
        return start(roomId, afterMessageId, Set.of(), listener);
    }

    /**
     * Connects to a room's live channel as the options say: with the extra {@link LiveEvent}s they ask for (which
     * reach the listener's {@link RoomListener#onPresence}, {@link RoomListener#onTyping},
     * {@link RoomListener#onMessageUpdated} and {@link RoomListener#onMessageDeleted}), and, with
     * {@link ConnectOptions.Builder#after}, the stored messages after that id first. Otherwise like
     * {@link #connect(long, RoomListener)}.
     *
     * @param roomId   the room
     * @param options  the events wanted and where delivery starts
     * @param listener receives messages, signals, the events asked for, state changes and errors
     * @return the connection, to send on and to close
     * @throws IllegalStateException if this client is closed
     */
    public RoomConnection connect(long roomId, ConnectOptions options, RoomListener listener) {
        Objects.requireNonNull(options, "options == null");
        return start(roomId, options.after().orElse(-1L), options.events(), listener);
    }

    /**
     * Shuts the client down: closes every {@link RoomConnection} it made that has not finished (each listener gets
     * its {@link RoomListener#onClosed} with {@link CloseCodes#NORMAL}), waits up to five seconds for their threads
     * to end, then releases the HTTP connection pool and dispatcher — unless they belong to an
     * {@link OkHttpClient} given to {@link Builder#okHttpClient}, which its owner shuts down. The token store is
     * left as it is (close does not log out).
     *
     * <p>Afterwards {@link #connect} and every REST call throw {@link IllegalStateException}, and the futures of
     * {@code ...Async} calls fail with it; the client's own pool for them ends (an executor given to
     * {@link Builder#asyncExecutor} is left running). Calling it again does
     * nothing. It may be called from a {@link RoomListener} callback; that connection's callback thread then
     * ends once the callback returns.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Set<WebSocketRoomConnection> open = Set.copyOf(connections);
        open.forEach(WebSocketRoomConnection::close);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            for (WebSocketRoomConnection connection : open) {
                long left = Math.max(0L, deadline - System.nanoTime());
                connection.awaitTermination(Duration.ofNanos(left));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
        async.close();
        if (ownsHttp) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private RoomConnection start(long roomId, long afterMessageId, Set<LiveEvent> events, RoomListener listener) {
        if (closed.get()) {
            throw new IllegalStateException("this RoomsClient is closed");
        }
        WebSocketRoomConnection connection = WebSocketRoomConnection.start(roomId, afterMessageId, events, listener,
                api, liveSettings, connections);
        if (closed.get()) {
            // close() ran meanwhile and may have missed this connection.
            connection.close();
            throw new IllegalStateException("this RoomsClient is closed");
        }
        return connection;
    }

    /**
     * Builds a {@link RoomsClient}. Each setter checks its argument at once; {@link #build()} checks that a base
     * URL was given. Not thread-safe; the built client is.
     */
    public static final class Builder {

        private HttpUrl baseUrl;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private OkHttpClient okHttpClient;
        private TokenStore tokenStore = TokenStore.inMemory();
        private String userAgent = defaultUserAgent();
        private Executor callbackExecutor;
        private Executor asyncExecutor;
        private ReconnectPolicy reconnectPolicy = ReconnectPolicy.defaults();
        private Duration pingInterval = Duration.ofSeconds(20);
        private Duration pongTimeout = Duration.ofSeconds(10);
        private Duration sendTimeout = Duration.ofSeconds(30);
        private Duration refreshBeforeExpiry = Duration.ofSeconds(60);
        private int maxRateLimitRetries = 2;
        private Duration maxRetryAfter = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Sets the server's base URL (required).
         *
         * @param baseUrl an {@code http} or {@code https} URL such as {@code http://localhost:8000}; a path is
         *                kept as a prefix of every API path
         * @return this builder
         * @throws IllegalArgumentException if it is not an http(s) URL
         */
        public Builder baseUrl(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl == null");
            HttpUrl parsed = HttpUrl.parse(baseUrl);
            if (parsed == null) {
                throw new IllegalArgumentException("baseUrl is not an http(s) URL: " + baseUrl);
            }
            if (parsed.query() != null || parsed.fragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + baseUrl);
            }
            String path = parsed.encodedPath();
            this.baseUrl = path.endsWith("/") ? parsed : parsed.newBuilder().encodedPath(path + "/").build();
            return this;
        }

        /**
         * Sets how long to wait for a TCP (and TLS) connection, for REST calls and WebSocket handshakes.
         * Default 10 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long a REST call may wait for the server's bytes. Default 30 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout, "readTimeout");
            return this;
        }

        /**
         * Sets how long a REST call may take to send its request. Default 30 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive(timeout, "writeTimeout");
            return this;
        }

        /**
         * Shares an existing {@link OkHttpClient} (its connection pool, dispatcher, interceptors, proxy and TLS
         * settings) for REST calls; the client derives its own instance with this builder's timeouts, adds its
         * interceptors (access token, {@code Retry-After}) after the given ones, and sets its own
         * {@link okhttp3.Authenticator} for the token refresh after a 401, replacing one set on the given client.
         * By default the client makes a new one.
         *
         * @param okHttpClient the client to share
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient okHttpClient) {
            this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
            return this;
        }

        /**
         * Sets where tokens are kept. Default: {@link TokenStore#inMemory()}. The client uses the store's
         * {@link TokenStore#forServer view} for its base URL, so a {@link FileTokenStore} holding another server's
         * tokens leaves it logged out rather than sending them.
         *
         * @param tokenStore a thread-safe store, e.g. {@link TokenStore#file(java.nio.file.Path)}
         * @return this builder
         */
        public Builder tokenStore(TokenStore tokenStore) {
            this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore == null");
            return this;
        }

        /**
         * Sets the {@code User-Agent} of every request and handshake. Default {@code rooms-java-sdk/<version>}.
         *
         * @param userAgent a non-blank header value
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            Objects.requireNonNull(userAgent, "userAgent == null");
            if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("userAgent must be non-blank printable ASCII: " + userAgent);
            }
            this.userAgent = userAgent;
            return this;
        }

        /**
         * Runs {@link RoomListener} callbacks on this executor instead of a dedicated thread per connection. The
         * callbacks of one connection still run one at a time, in order.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /**
         * Runs the {@code ...Async} REST calls on this executor instead of the client's own pool (at most eight
         * daemon threads, ended by {@link RoomsClient#close()}). The client never shuts a given executor down.
         *
         * @param executor the executor, e.g. the application's own pool
         * @return this builder
         */
        public Builder asyncExecutor(Executor executor) {
            this.asyncExecutor = Objects.requireNonNull(executor, "executor == null");
            return this;
        }

        /**
         * Sets how live connections wait between reconnect attempts. Default {@link ReconnectPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder reconnectPolicy(ReconnectPolicy policy) {
            this.reconnectPolicy = Objects.requireNonNull(policy, "policy == null");
            return this;
        }

        /**
         * Sets how often a live connection pings the server. Default 20 s.
         *
         * @param interval a positive duration
         * @return this builder
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = positive(interval, "pingInterval");
            return this;
        }

        /**
         * Sets how long a live connection waits for the pong to a ping before it treats the connection as dropped
         * and reconnects. Default 10 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder pongTimeout(Duration timeout) {
            this.pongTimeout = positive(timeout, "pongTimeout");
            return this;
        }

        /**
         * Sets how long {@link RoomConnection#send(String)} waits for the broadcast of its message. Default 30 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder sendTimeout(Duration timeout) {
            this.sendTimeout = positive(timeout, "sendTimeout");
            return this;
        }

        /**
         * Sets how long before its expiry (the JWT {@code exp} claim) the access token is refreshed. Default 60 s.
         *
         * @param margin zero or a positive duration
         * @return this builder
         */
        public Builder refreshBeforeExpiry(Duration margin) {
            Objects.requireNonNull(margin, "margin == null");
            if (margin.isNegative()) {
                throw new IllegalArgumentException("refreshBeforeExpiry < 0: " + margin);
            }
            this.refreshBeforeExpiry = margin;
            return this;
        }

        /**
         * Sets how many times a request answered with 429 is sent again (after waiting its {@code Retry-After})
         * before a {@link RateLimitedException} surfaces. Default 2.
         *
         * @param retries 0 or more
         * @return this builder
         */
        public Builder maxRateLimitRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("maxRateLimitRetries < 0: " + retries);
            }
            this.maxRateLimitRetries = retries;
            return this;
        }

        /**
         * Sets the longest {@code Retry-After} the client waits out by itself; a longer one surfaces at once as a
         * {@link RateLimitedException}. Default 60 s.
         *
         * @param max zero or a positive duration
         * @return this builder
         */
        public Builder maxRetryAfter(Duration max) {
            Objects.requireNonNull(max, "max == null");
            if (max.isNegative()) {
                throw new IllegalArgumentException("maxRetryAfter < 0: " + max);
            }
            this.maxRetryAfter = max;
            return this;
        }

        /**
         * Builds the client.
         *
         * @return a new client
         * @throws IllegalStateException if no base URL was set
         */
        public RoomsClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required");
            }
            return new RoomsClient(this);
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name + " == null");
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }

        private static String defaultUserAgent() {
            Properties properties = new Properties();
            try (InputStream in = RoomsClient.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // The version is decoration only; fall through to "unknown".
            }
            return "rooms-java-sdk/" + properties.getProperty("version", "unknown");
        }
    }
}
