package dev.rooms.sdk;

import dev.rooms.sdk.internal.HttpApi;
import dev.rooms.sdk.internal.LiveConnection;
import dev.rooms.sdk.internal.LiveSettings;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The entry point of the SDK: one client per server and user, shared by all threads.
 *
 * <pre>{@code
 * RoomsClient client = RoomsClient.builder().baseUrl("http://localhost:8000").build();
 * client.auth().login("ada@example.com", "correct horse battery staple");
 * Room room = client.rooms().create("Lobby", "Say hello", RoomType.CHAT);
 * RoomConnection live = client.connect(room.id(), new RoomListener() {
 *     public void onMessage(RoomConnection connection, Message message) {
 *         System.out.println(message.user().name() + ": " + message.content());
 *     }
 * });
 * live.send("Hello, everyone!").join();
 * }</pre>
 *
 * <p>REST calls are grouped under {@link #auth()} and {@link #rooms()}; they block the calling thread and throw
 * {@link ApiException} (the server answered with an error) or {@link TransportException} (it could not be
 * reached). The client attaches the access token from its {@link TokenStore}, refreshes it shortly before it
 * expires or once after a 401 (one refresh however many threads hit it at once), and retries a 429 after its
 * {@code Retry-After} a bounded number of times.
 *
 * <p>Immutable and thread-safe. It holds no resources of its own beyond the {@link OkHttpClient}'s (shared when
 * one was given to the builder), so it needs no closing; close the {@link RoomConnection}s it made.
 */
public final class RoomsClient {

    private final HttpUrl baseUrl;
    private final HttpApi api;
    private final Auth auth;
    private final Rooms rooms;
    private final TokenStore tokenStore;
    private final LiveSettings liveSettings;

    private RoomsClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.tokenStore = builder.tokenStore;
        OkHttpClient.Builder http = builder.okHttpClient != null
                ? builder.okHttpClient.newBuilder()
                : new OkHttpClient.Builder();
        http.connectTimeout(builder.connectTimeout).readTimeout(builder.readTimeout).writeTimeout(builder.writeTimeout);
        this.api = new HttpApi(http.build(), baseUrl, builder.userAgent, tokenStore, builder.refreshBeforeExpiry,
                builder.maxRateLimitRetries, builder.maxRetryAfter);
        this.auth = new Auth(api);
        this.rooms = new Rooms(api);
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
     * Returns the room calls: list, create, get, update, delete, message history.
     *
     * @return the room calls of this client
     */
    public Rooms rooms() {
        return rooms;
    }

    /**
     * Returns the store holding this client's tokens.
     *
     * @return the token store given to the builder, or the in-memory default
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
     * {@link ConnectionState#OPEN}. Before the first handshake the connection reads the room's history once to
     * learn the newest message id, so that no message is missed between that moment and the socket opening. A
     * room that does not exist or a user who is not logged in ends the connection with
     * {@link RoomListener#onError} and {@link RoomListener#onClosed}; nothing is thrown.
     *
     * @param roomId   the room
     * @param listener receives messages, signals, state changes and errors
     * @return the connection, to send on and to close
     */
    public RoomConnection connect(long roomId, RoomListener listener) {
        return LiveConnection.start(roomId, -1L, listener, api, liveSettings);
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
     */
    public RoomConnection connect(long roomId, long afterMessageId, RoomListener listener) {
        if (afterMessageId < 0) {
            throw new IllegalArgumentException("afterMessageId < 0: " + afterMessageId);
        }
        return LiveConnection.start(roomId, afterMessageId, listener, api, liveSettings);
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
         * settings) for REST calls; the client derives its own instance with this builder's timeouts. By default
         * the client makes a new one.
         *
         * @param okHttpClient the client to share
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient okHttpClient) {
            this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
            return this;
        }

        /**
         * Sets where tokens are kept. Default: {@link TokenStore#inMemory()}.
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
