package dev.rooms.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rooms.sdk.ApiException;
import dev.rooms.sdk.AuthenticationException;
import dev.rooms.sdk.TokenStore;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Tokens;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends the REST calls: builds requests (JSON body, {@code User-Agent}, whether they carry the access token),
 * executes them and turns answers into records or exceptions. The cross-cutting parts are OkHttp's: an
 * {@link AccessTokenInterceptor} attaches the token, a {@link TokenRefreshAuthenticator} refreshes it once after a
 * 401, and a {@link RetryAfterInterceptor} waits out a 429 a bounded number of times.
 */
public final class HttpApi {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final TypeReference<List<Message>> MESSAGE_LIST = new TypeReference<>() { };
    private static final TypeReference<JsonNode> NODE = new TypeReference<>() { };
    /** How often {@link #postIdempotent} sends again after a failed connection. */
    private static final int IDEMPOTENT_RETRIES = 2;
    private static final Duration IDEMPOTENT_RETRY_PAUSE = Duration.ofMillis(250);

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String userAgent;
    private final TokenManager tokens;
    private volatile boolean closed;

    /**
     * Creates the REST transport.
     *
     * @param http                the configured HTTP client; this transport adds its interceptors and
     *                            authenticator to a copy that shares its pool and dispatcher
     * @param baseUrl             the server's base URL, ending in {@code /}
     * @param userAgent           the {@code User-Agent} header value
     * @param store               where tokens are kept
     * @param refreshBeforeExpiry how long before expiry the access token is refreshed
     * @param maxRateLimitRetries how often a 429 is retried
     * @param maxRetryAfter       the longest {@code Retry-After} waited out
     */
    public HttpApi(OkHttpClient http, HttpUrl baseUrl, String userAgent, TokenStore store,
                   Duration refreshBeforeExpiry, int maxRateLimitRetries, Duration maxRetryAfter) {
        this.baseUrl = baseUrl;
        this.userAgent = userAgent;
        this.tokens = new TokenManager(store, refreshBeforeExpiry, this::requestRefresh);
        // Retry-After outermost: each new attempt goes through the token interceptor again, with the token of then.
        this.http = http.newBuilder()
                .addInterceptor(new RetryAfterInterceptor(maxRateLimitRetries, maxRetryAfter))
                .addInterceptor(new AccessTokenInterceptor(tokens))
                .authenticator(new TokenRefreshAuthenticator(tokens))
                .build();
    }

    /** Makes every later call throw {@link IllegalStateException}: the client was closed. */
    public void close() {
        closed = true;
    }

    /** @return the token store */
    public TokenStore tokenStore() {
        return tokens.store();
    }

    /** @return the access token to use now (refreshed if it expires soon), or {@code null} when not logged in */
    public String accessToken() {
        return tokens.accessToken();
    }

    /**
     * Refreshes the access token unless another thread already replaced {@code stale}.
     *
     * @param stale the token found wanting
     * @return the access token to use
     */
    public String refreshAccessToken(String stale) {
        return tokens.refreshReplacing(stale).access();
    }

    /** @return the stored tokens after a forced refresh */
    public Tokens refreshTokens() {
        return tokens.refreshReplacing(null);
    }

    /**
     * Reads a room's messages.
     *
     * @param roomId the room
     * @param after  only those with a greater id, or {@code null} for all
     * @param limit  at most this many (the first ones after {@code after}, else the newest), or {@code null}
     * @return the messages, oldest first
     */
    public List<Message> listMessages(long roomId, Long after, Integer limit) {
        Map<String, String> query = new LinkedHashMap<>();
        if (after != null) {
            query.put("after", Long.toString(after));
        }
        if (limit != null) {
            query.put("limit", Integer.toString(limit));
        }
        return get("api/rooms/" + roomId + "/messages/", query, MESSAGE_LIST);
    }

    /**
     * Sends an authenticated GET.
     *
     * @param path  the path relative to the base URL
     * @param query query parameters
     * @param type  the answer's type
     * @param <T>   the answer's type
     * @return the mapped answer
     */
    public <T> T get(String path, Map<String, String> query, TypeReference<T> type) {
        return call("GET", path, query, null, true, type);
    }

    /**
     * Sends a POST with a JSON body.
     *
     * @param path          the path relative to the base URL
     * @param body          the body, serialised as JSON
     * @param authenticated whether to send the access token
     * @param type          the answer's type, or {@code null} to ignore the answer's body
     * @param <T>           the answer's type
     * @return the mapped answer, or {@code null} when {@code type} is {@code null}
     */
    public <T> T post(String path, Object body, boolean authenticated, TypeReference<T> type) {
        return call("POST", path, Map.of(), body, authenticated, type);
    }

    /**
     * Sends an authenticated POST with an {@code Idempotency-Key}, and sends it again, with the same key, when the
     * connection failed before an answer came (at most {@value #IDEMPOTENT_RETRIES} times more): the server answers
     * a repeated key with what the first request did, so a retry never acts twice. An error answer is not retried.
     *
     * @param path           the path relative to the base URL
     * @param body           the body, serialised as JSON
     * @param idempotencyKey the key, the same for every attempt
     * @param type           the answer's type
     * @param <T>            the answer's type
     * @return the mapped answer
     */
    public <T> T postIdempotent(String path, Object body, String idempotencyKey, TypeReference<T> type) {
        HttpUrl url = url(path, Map.of());
        Map<String, String> headers = Map.of("Idempotency-Key", idempotencyKey);
        for (int attempt = 0; ; attempt++) {
            Answer answer;
            try {
                answer = exchange("POST", url, body, true, headers);
            } catch (TransportException e) {
                if (attempt == IDEMPOTENT_RETRIES || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                pause(IDEMPOTENT_RETRY_PAUSE.multipliedBy(attempt + 1L));
                continue;
            }
            return parse(answer.text(), type, url);
        }
    }

    /**
     * Sends an authenticated PATCH with a JSON body.
     *
     * @param path the path relative to the base URL
     * @param body the body, serialised as JSON
     * @param type the answer's type
     * @param <T>  the answer's type
     * @return the mapped answer
     */
    public <T> T patch(String path, Object body, TypeReference<T> type) {
        return call("PATCH", path, Map.of(), body, true, type);
    }

    /**
     * Sends an authenticated DELETE.
     *
     * @param path the path relative to the base URL
     */
    public void delete(String path) {
        call("DELETE", path, Map.of(), null, true, null);
    }

    /**
     * Builds the URL of a call.
     *
     * @param path  the path relative to the base URL
     * @param query query parameters, encoded here
     * @return the absolute URL
     */
    public HttpUrl url(String path, Map<String, String> query) {
        HttpUrl.Builder url = baseUrl.newBuilder().addEncodedPathSegments(path);
        query.forEach(url::addQueryParameter);
        return url.build();
    }

    /**
     * Sends an authenticated GET for one page of a list and reads its {@code Link: <...>; rel="next"} header.
     *
     * @param url  the page's URL: one made by {@link #url} or a previous page's {@link Page#next()}
     * @param type the answer's type
     * @param <T>  the type of the list's elements
     * @return the page
     * @throws TransportException if the next link leads off this client's server (its scheme, host, port and base
     *                            path) — the request would carry the user's token — or back to the same page
     */
    public <T> Page<T> getPage(HttpUrl url, TypeReference<List<T>> type) {
        Answer answer = exchange("GET", url, null, true, Map.of());
        List<T> items = parse(answer.text(), type, url);
        HttpUrl next = LinkHeader.target(answer.links(), "next").map(target -> resolve(url, target)).orElse(null);
        return new Page<>(items, next);
    }

    private HttpUrl resolve(HttpUrl page, String target) {
        HttpUrl next = page.resolve(target);
        if (next == null || !next.scheme().equals(baseUrl.scheme()) || !next.host().equals(baseUrl.host())
                || next.port() != baseUrl.port() || !next.encodedPath().startsWith(baseUrl.encodedPath())) {
            throw new TransportException("Refusing to follow the next-page link of " + shown(page) + " to "
                    + (next == null ? target : shown(next)) + ": it is not on " + shown(baseUrl), null);
        }
        if (next.equals(page)) {
            throw new TransportException("The next-page link of " + shown(page) + " points at the same page", null);
        }
        return next;
    }

    private <T> T call(String method, String path, Map<String, String> query, Object body, boolean authenticated,
                       TypeReference<T> type) {
        HttpUrl url = url(path, query);
        Answer answer = exchange(method, url, body, authenticated, Map.of());
        return type == null ? null : parse(answer.text(), type, url);
    }

    private Answer exchange(String method, HttpUrl url, Object body, boolean authenticated,
                            Map<String, String> headers) {
        if (closed) {
            throw new IllegalStateException("this RoomsClient is closed");
        }
        RequestBody requestBody = body == null ? null : RequestBody.create(serialise(body), JSON);
        Request.Builder request = new Request.Builder().url(url)
                .header("User-Agent", userAgent)
                .header("Accept", "application/json")
                .method(method, requestBody);
        headers.forEach(request::header);
        if (authenticated) {
            request.tag(AccessTokenInterceptor.Credentials.class, AccessTokenInterceptor.Credentials.ACCESS_TOKEN);
        }
        try (Response response = execute(request.build())) {
            String text = readBody(response, url);
            if (!response.isSuccessful()) {
                throw ErrorBodies.toException(response.code(), text, response.header("Retry-After"));
            }
            return new Answer(text, response.headers("Link"));
        }
    }

    /**
     * One page of a list.
     *
     * @param items the page's elements, in the server's order
     * @param next  the URL of the next page, already checked to be on this client's server, or {@code null} when
     *              this is the last page
     * @param <T>   the type of the elements
     */
    public record Page<T>(List<T> items, HttpUrl next) {
    }

    /** A successful answer's body and the headers paging reads. */
    private record Answer(String text, List<String> links) {
    }

    private Tokens requestRefresh(String refreshToken) {
        JsonNode answer;
        try {
            answer = post("auth/token/refresh/", Map.of("refresh", refreshToken), false, NODE);
        } catch (AuthenticationException e) {
            throw e;
        } catch (ApiException e) {
            // Whatever the server's reason, the session cannot go on without a new access token.
            throw new AuthenticationException("Token refresh failed: " + e.getMessage(), e.code(), e.fieldErrors());
        }
        String access = answer.path("access").asText(null);
        if (access == null) {
            throw new TransportException("token refresh answer has no access token", null);
        }
        // A server that rotates refresh tokens sends a new one; otherwise the old one stays valid.
        return new Tokens(access, answer.path("refresh").asText(refreshToken));
    }

    private Response execute(Request request) {
        try {
            return http.newCall(request).execute();
        } catch (IOException e) {
            throw new TransportException(describe(request, e), e);
        }
    }

    /** Says whether the server was not reached at all or stopped answering, since only the latter may have acted. */
    private static String describe(Request request, IOException e) {
        String url = shown(request.url());
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        boolean connecting = e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException
                || (e instanceof SocketTimeoutException && cause.toLowerCase(Locale.ROOT).contains("connect"));
        if (connecting) {
            return "Cannot reach " + url + ": " + cause;
        }
        String effect = "GET".equals(request.method()) ? "" : "; it may or may not have taken effect";
        if (Thread.currentThread().isInterrupted()) {
            return "Interrupted during " + request.method() + " " + url + " (" + cause + ")" + effect;
        }
        if (e instanceof InterruptedIOException) {
            return "No answer to " + request.method() + " " + url + " in time (" + cause + ")" + effect;
        }
        return "Connection failed during " + request.method() + " " + url + " (" + cause + ")" + effect;
    }

    /** The URL without user info, the only part of the SDK's URLs that could hold a secret. */
    private static String shown(HttpUrl url) {
        return url.newBuilder().username("").password("").build().toString();
    }

    private static String readBody(Response response, HttpUrl url) {
        ResponseBody body = response.body();
        try {
            return body.string();
        } catch (IOException e) {
            throw new TransportException("Connection broke while reading the answer from " + shown(url), e);
        }
    }

    private static byte[] serialise(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise request body", e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type, HttpUrl url) {
        try {
            return Json.mapper().readValue(text, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new TransportException("Unexpected answer from " + shown(url) + ": " + e.getMessage(), e);
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting to retry a request", e);
        }
    }
}
