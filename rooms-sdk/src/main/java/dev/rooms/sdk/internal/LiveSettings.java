package dev.rooms.sdk.internal;

import dev.rooms.sdk.ReconnectPolicy;
import java.time.Duration;
import java.util.concurrent.Executor;
import okhttp3.HttpUrl;

/**
 * The client-wide settings of live connections.
 *
 * @param baseUrl          the server's base URL (http/https; turned into ws/wss)
 * @param userAgent        the handshake's {@code User-Agent}
 * @param connectTimeout   the handshake's connect timeout
 * @param pingInterval     how often to ping
 * @param pongTimeout      how long to wait for a pong
 * @param sendTimeout      how long a send waits for its broadcast
 * @param reconnectPolicy  the backoff between reconnect attempts
 * @param callbackExecutor where listener callbacks run, or {@code null} for a thread per connection
 */
public record LiveSettings(HttpUrl baseUrl, String userAgent, Duration connectTimeout, Duration pingInterval,
                           Duration pongTimeout, Duration sendTimeout, ReconnectPolicy reconnectPolicy,
                           Executor callbackExecutor) {
}
