package dev.rooms.sdk.internal;

import dev.rooms.sdk.AuthenticationException;
import dev.rooms.sdk.CloseCodes;
import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.LiveEvent;
import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RateLimitedException;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsException;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.UnconfirmedSendException;
import dev.rooms.sdk.ValidationException;
import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link RoomConnection} implementation on Java-WebSocket.
 *
 * <p>All connection state is owned by one control thread ({@code rooms-room-<id>}): socket events, timers and
 * the catch-up history fetch all run there, so they need no locks and happen in a single order. Because the
 * catch-up after an open runs on that thread before the socket's queued live frames, missed messages always
 * reach the listener before live ones; a message is delivered only if its id is greater than the last delivered
 * one, which removes the overlap between history and live frames. Listener calls are handed to a separate
 * callback executor so a slow listener never stalls the socket.
 */
public final class WebSocketRoomConnection implements RoomConnection {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoomConnection.class);
    private static final Pattern REJECTED = Pattern.compile("Invalid status code received: (\\d{3})");
    /** How long a closing socket may wait for the server's close frame before it is cut. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final String DROPPED_UNCONFIRMED =
            "The connection dropped before the message was confirmed; it may or may not have been stored";

    private final long roomId;
    private final Set<LiveEvent> events;
    private final RoomListener listener;
    private final HttpApi api;
    private final LiveSettings settings;
    private final ScheduledThreadPoolExecutor control;
    private final Executor callbacks;
    private final ExecutorService ownedCallbackThread;
    private final Random random = new Random();
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final Set<WebSocketRoomConnection> registry;

    private final Object stateMonitor = new Object();
    private volatile ConnectionState state = ConnectionState.CONNECTING;
    private volatile Socket socket;

    // Touched on the control thread only.
    private long lastDeliveredId;
    private int failedAttempts;
    private boolean refreshedForHandshake;
    private boolean finished;
    private ScheduledFuture<?> pingTask;
    private Socket closing;
    /** Every thread the control executor made (one, unless a task killed it), for {@link #awaitTermination}. */
    private final Set<Thread> controlThreads = ConcurrentHashMap.newKeySet();

    private WebSocketRoomConnection(long roomId, long afterId, Set<LiveEvent> events, RoomListener listener,
                                    HttpApi api, LiveSettings settings, Set<WebSocketRoomConnection> registry) {
        this.roomId = roomId;
        this.events = Set.copyOf(events);
        this.registry = registry;
        this.lastDeliveredId = afterId;
        this.listener = listener;
        this.api = api;
        this.settings = settings;
        this.control = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = userThread(task, "rooms-room-" + roomId);
            controlThreads.add(thread);
            return thread;
        });
        control.setRemoveOnCancelPolicy(true);
        control.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        control.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        if (settings.callbackExecutor() == null) {
            this.ownedCallbackThread = Executors.newSingleThreadExecutor(
                    task -> userThread(task, "rooms-room-" + roomId + "-callbacks"));
            this.callbacks = ownedCallbackThread;
        } else {
            this.ownedCallbackThread = null;
            this.callbacks = new SerialExecutor(settings.callbackExecutor());
        }
    }

    /** A non-daemon thread, whatever the creating thread is: an open connection keeps a bot's JVM running. */
    private static Thread userThread(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(false);
        return thread;
    }

    /**
     * Creates a connection and starts connecting in the background.
     *
     * @param roomId   the room
     * @param afterId  deliver stored messages with a greater id first, or -1 for live messages only
     * @param events   the extra events to ask the server for ({@code ?events=}), possibly none
     * @param listener the listener
     * @param api      the REST transport (tokens, history)
     * @param settings the client's live settings
     * @param registry the client's set of unfinished connections: the connection is in it from now until it has
     *                 finished
     * @return the connection, in state CONNECTING
     */
    public static WebSocketRoomConnection start(long roomId, long afterId, Set<LiveEvent> events,
                                                RoomListener listener, HttpApi api, LiveSettings settings,
                                                Set<WebSocketRoomConnection> registry) {
        Objects.requireNonNull(listener, "listener == null");
        WebSocketRoomConnection connection =
                new WebSocketRoomConnection(roomId, afterId, events, listener, api, settings, registry);
        registry.add(connection);
        connection.dispatch(l -> l.onStateChanged(connection, ConnectionState.CONNECTING));
        connection.post(connection::attempt);
        return connection;
    }

    @Override
    public long roomId() {
        return roomId;
    }

    @Override
    public ConnectionState state() {
        return state;
    }

    @Override
    public boolean awaitOpen(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateMonitor) {
            while (state != ConnectionState.OPEN && state != ConnectionState.CLOSED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stateMonitor, left);
            }
            return state == ConnectionState.OPEN;
        }
    }

    @Override
    public CompletableFuture<Message> send(String content) {
        // Length and blankness are the server's to judge: it answers a refusal with an error frame (see received).
        Objects.requireNonNull(content, "content == null");
        Socket current = socket;
        if (state != ConnectionState.OPEN || current == null) {
            return CompletableFuture.failedFuture(notConnected());
        }
        String nonce = UUID.randomUUID().toString();
        CompletableFuture<Message> future = new CompletableFuture<>();
        pending.put(nonce, future);
        try {
            current.send(Frames.chat(content, nonce));
        } catch (WebsocketNotConnectedException e) {
            pending.remove(nonce);
            return CompletableFuture.failedFuture(notConnected());
        }
        try {
            String why = "No confirmation of the message within " + settings.sendTimeout().toMillis()
                    + " ms; it may or may not have been stored";
            control.schedule(() -> failPending(nonce, why, true), settings.sendTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            failPending(nonce, DROPPED_UNCONFIRMED, false);
        }
        return future;
    }

    @Override
    public CompletableFuture<Void> offer(SessionDescription offer) {
        return sendFrame(Frames.offer(Objects.requireNonNull(offer, "offer == null"), null));
    }

    @Override
    public CompletableFuture<Void> offer(SessionDescription offer, long targetUserId) {
        return sendFrame(Frames.offer(Objects.requireNonNull(offer, "offer == null"), targetUserId));
    }

    @Override
    public CompletableFuture<Void> answer(SessionDescription answer) {
        return sendFrame(Frames.answer(Objects.requireNonNull(answer, "answer == null"), null));
    }

    @Override
    public CompletableFuture<Void> answer(SessionDescription answer, long targetUserId) {
        return sendFrame(Frames.answer(Objects.requireNonNull(answer, "answer == null"), targetUserId));
    }

    @Override
    public CompletableFuture<Void> iceCandidate(Candidate candidate) {
        return sendFrame(Frames.iceCandidate(Objects.requireNonNull(candidate, "candidate == null"), null));
    }

    @Override
    public CompletableFuture<Void> iceCandidate(Candidate candidate, long targetUserId) {
        return sendFrame(Frames.iceCandidate(Objects.requireNonNull(candidate, "candidate == null"), targetUserId));
    }

    @Override
    public CompletableFuture<Void> hangup() {
        return sendFrame(Frames.hangup(null));
    }

    @Override
    public CompletableFuture<Void> hangup(long targetUserId) {
        return sendFrame(Frames.hangup(targetUserId));
    }

    @Override
    public CompletableFuture<Void> signal(Signal signal) {
        return sendFrame(Frames.signal(Objects.requireNonNull(signal, "signal == null")));
    }

    @Override
    public CompletableFuture<Void> typing() {
        return sendFrame(Frames.typing());
    }

    /**
     * Waits until the connection has finished and its control thread has ended (at most about
     * {@link #CLOSE_GRACE} after {@link #close()} when the server does not answer the close).
     *
     * @param timeout the longest wait
     * @return {@code true} if it ended in time
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!control.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        // The executor counts as terminated while its last thread is still on its way out of run(): wait for the
        // thread itself, so that "closed" means no thread of this connection is left.
        for (Thread thread : controlThreads) {
            if (thread != Thread.currentThread()) {
                TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1L, deadline - System.nanoTime()));
                if (thread.isAlive()) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        post(() -> finish(CloseCodes.NORMAL, "closed by client"));
    }

    @Override
    public String toString() {
        return "RoomConnection[room=" + roomId + ", state=" + state + "]";
    }

    private CompletableFuture<Void> sendFrame(String frame) {
        Socket current = socket;
        if (state != ConnectionState.OPEN || current == null) {
            return CompletableFuture.failedFuture(notConnected());
        }
        try {
            current.send(frame);
            return CompletableFuture.completedFuture(null);
        } catch (WebsocketNotConnectedException e) {
            return CompletableFuture.failedFuture(notConnected());
        }
    }

    private TransportException notConnected() {
        return new TransportException("Not connected to room " + roomId + " (" + state + "); nothing was sent", null);
    }

    // ---- control thread ------------------------------------------------------------------------------------

    private void attempt() {
        if (finished) {
            return;
        }
        try {
            if (lastDeliveredId < 0) {
                lastDeliveredId = api.listMessages(roomId, null, 1).stream().mapToLong(Message::id).max().orElse(0L);
            }
            String token = api.accessToken();
            if (token == null) {
                throw new AuthenticationException("Not logged in: log in before connecting to a room.",
                        "not_logged_in", null);
            }
            Socket next = new Socket(webSocketUri(), token);
            socket = next;
            next.connect();
        } catch (AuthenticationException e) {
            finishWithError(e, CloseCodes.HANDSHAKE_UNAUTHORIZED, e.getMessage());
        } catch (NotFoundException e) {
            finishWithError(e, CloseCodes.HANDSHAKE_NOT_FOUND, e.getMessage());
        } catch (RoomsException e) {
            emitError(e);
            scheduleReconnect();
        } catch (RuntimeException e) {
            // Not a network or server problem, so retrying would fail the same way; end rather than hang.
            finishWithError(new TransportException("Cannot connect to room " + roomId + ": " + e, e),
                    CloseCodes.ABNORMAL, "unexpected failure");
        }
    }

    private void opened(Socket opened) {
        if (opened != socket || finished) {
            return;
        }
        opened.open = true;
        try {
            List<Message> missed = api.listMessages(roomId, lastDeliveredId, null);
            missed.stream().sorted(Comparator.comparingLong(Message::id)).forEach(this::deliver);
        } catch (AuthenticationException e) {
            finishWithError(e, CloseCodes.HANDSHAKE_UNAUTHORIZED, e.getMessage());
            return;
        } catch (NotFoundException e) {
            finishWithError(e, CloseCodes.ROOM_DELETED, e.getMessage());
            return;
        } catch (RoomsException e) {
            emitError(e);
            drop(opened, "catching up on missed messages failed");
            return;
        }
        failedAttempts = 0;
        refreshedForHandshake = false;
        setState(ConnectionState.OPEN);
        long interval = settings.pingInterval().toNanos();
        pingTask = control.scheduleWithFixedDelay(() -> ping(opened), interval, interval, TimeUnit.NANOSECONDS);
    }

    private void received(Socket from, String text) {
        if (from != socket || finished) {
            return;
        }
        Object frame = Frames.decode(text);
        if (frame instanceof Message message) {
            deliver(message);
        } else if (frame instanceof Signal signal) {
            dispatch(l -> l.onSignal(this, signal));
        } else if (frame instanceof PresenceEvent presence) {
            dispatch(l -> l.onPresence(this, presence));
        } else if (frame instanceof Frames.Typing typing) {
            dispatch(l -> l.onTyping(this, typing.user()));
        } else if (frame instanceof EditedMessage edited) {
            dispatch(l -> l.onMessageUpdated(this, edited));
        } else if (frame instanceof Frames.Deleted deleted) {
            dispatch(l -> l.onMessageDeleted(this, deleted.messageId()));
        } else if (frame instanceof Frames.Refusal refusal) {
            refuse(refusal);
        }
    }

    /** Fails the send the server refused; a refusal of no pending send (not ours, or timed out) is ignored. */
    private void refuse(Frames.Refusal refusal) {
        CompletableFuture<Message> waiting = refusal.nonce() == null ? null : pending.remove(refusal.nonce());
        if (waiting != null) {
            RoomsException failure = "throttled".equals(refusal.code())
                    ? new RateLimitedException(refusal.detail(), refusal.code(), null,
                            refusal.retryAfter() == null ? null : Duration.ofSeconds(refusal.retryAfter()))
                    : new ValidationException(refusal.detail(), refusal.code(), null);
            CompletableFuture.runAsync(() -> waiting.completeExceptionally(failure));
        }
    }

    private void deliver(Message message) {
        if (message.id() > lastDeliveredId) {
            lastDeliveredId = message.id();
            dispatch(l -> l.onMessage(this, message));
        }
        CompletableFuture<Message> waiting = message.nonce() == null ? null : pending.remove(message.nonce());
        if (waiting != null) {
            // Completed off the callback thread so that a callback may block on a send's future.
            CompletableFuture.runAsync(() -> waiting.complete(message));
        }
    }

    private void closed(Socket closed, int code, String reason, Exception error) {
        if (finished) {
            if (closed == closing) {
                // The server answered our close: nothing is left to wait for.
                control.shutdown();
            }
            return;
        }
        if (closed != socket) {
            return;
        }
        socket = null;
        stopPinging();
        failAllPending(DROPPED_UNCONFIRMED);
        if (!closed.open) {
            handshakeFailed(closed, reason, error);
            return;
        }
        switch (code) {
            case CloseCodes.ACCOUNT_DELETED, CloseCodes.ROOM_DELETED -> finish(code, reason);
            case CloseCodes.TOKEN_EXPIRED -> {
                if (refreshed(closed.token)) {
                    setState(ConnectionState.RECONNECTING);
                    post(this::attempt);
                }
            }
            default -> {
                emitError(new TransportException("Connection to room " + roomId + " lost (" + code
                        + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")", error));
                scheduleReconnect();
            }
        }
    }

    private void handshakeFailed(Socket failed, String reason, Exception error) {
        Matcher rejected = REJECTED.matcher(reason == null ? "" : reason);
        int status = rejected.find() ? Integer.parseInt(rejected.group(1)) : 0;
        if (status == 401) {
            if (!refreshedForHandshake) {
                refreshedForHandshake = true;
                if (refreshed(failed.token)) {
                    post(this::attempt);
                }
                return;
            }
            finishWithError(new AuthenticationException("The server refused the connection: not authenticated.",
                    null, null), CloseCodes.HANDSHAKE_UNAUTHORIZED, "handshake rejected with 401");
        } else if (status == 404) {
            finishWithError(new NotFoundException("Room " + roomId + " not found.", null, null),
                    CloseCodes.HANDSHAKE_NOT_FOUND, "handshake rejected with 404");
        } else {
            String why = status != 0 ? "handshake rejected with " + status
                    : error != null && error.getMessage() != null ? error.getMessage() : reason;
            emitError(new TransportException("Cannot connect to room " + roomId + ": " + why, error));
            scheduleReconnect();
        }
    }

    /** Refreshes the access token; on failure ends the connection (auth) or schedules a retry (transport). */
    private boolean refreshed(String stale) {
        try {
            api.refreshAccessToken(stale);
            return true;
        } catch (AuthenticationException e) {
            finishWithError(e, CloseCodes.HANDSHAKE_UNAUTHORIZED, e.getMessage());
        } catch (RoomsException e) {
            emitError(e);
            scheduleReconnect();
        }
        return false;
    }

    private void ping(Socket target) {
        if (target != socket || finished) {
            return;
        }
        long pongsBefore = target.pongs.get();
        try {
            target.sendPing();
        } catch (WebsocketNotConnectedException e) {
            return;
        }
        control.schedule(() -> {
            if (target == socket && target.pongs.get() == pongsBefore) {
                emitError(new TransportException("No pong from the server within "
                        + settings.pongTimeout().toMillis() + " ms", null));
                drop(target, "no pong in time");
            }
        }, settings.pongTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Abandons a socket that is still open but unusable, and reconnects. */
    private void drop(Socket dropped, String reason) {
        if (dropped != socket) {
            return;
        }
        socket = null;
        stopPinging();
        failAllPending(DROPPED_UNCONFIRMED);
        dropped.closeConnection(CloseCodes.ABNORMAL, reason);
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        if (finished) {
            return;
        }
        failedAttempts++;
        int max = settings.reconnectPolicy().maxAttempts();
        if (max > 0 && failedAttempts > max) {
            finish(CloseCodes.ABNORMAL, "gave up after " + max + " reconnect attempts");
            return;
        }
        setState(ConnectionState.RECONNECTING);
        Duration delay = settings.reconnectPolicy().delayBefore(failedAttempts, random);
        control.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void finishWithError(RoomsException error, int code, String reason) {
        emitError(error);
        finish(code, reason);
    }

    private void finish(int code, String reason) {
        if (finished) {
            return;
        }
        finished = true;
        stopPinging();
        Socket current = socket;
        socket = null;
        failAllPending("The connection was closed before the message was confirmed; it may or may not have been "
                + "stored");
        setState(ConnectionState.CLOSED);
        dispatch(l -> l.onClosed(this, code, reason == null ? "" : reason));
        if (ownedCallbackThread != null) {
            ownedCallbackThread.shutdown();
        }
        registry.remove(this);
        if (current == null) {
            control.shutdown();
            return;
        }
        // Always a plain normal close on the wire: the SDK-only codes (44xx) must not reach the server, and a close
        // reason is limited to 123 bytes. The control thread lives until the server answers the close or the grace
        // runs out, so that the socket's own threads never outlive the connection.
        closing = current;
        current.close(CloseCodes.NORMAL, "closed by client");
        control.schedule(() -> {
            current.closeConnection(CloseCodes.ABNORMAL, "no close answer from the server");
            control.shutdown();
        }, CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void stopPinging() {
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
    }

    private void setState(ConnectionState next) {
        if (state != next) {
            synchronized (stateMonitor) {
                state = next;
                stateMonitor.notifyAll();
            }
            dispatch(l -> l.onStateChanged(this, next));
        }
    }

    private void emitError(RoomsException error) {
        dispatch(l -> l.onError(this, error));
    }

    private void failAllPending(String why) {
        pending.keySet().forEach(nonce -> failPending(nonce, why, false));
    }

    private void failPending(String nonce, String why, boolean timedOut) {
        CompletableFuture<Message> waiting = pending.remove(nonce);
        if (waiting != null) {
            UnconfirmedSendException failure = new UnconfirmedSendException(why, timedOut);
            CompletableFuture.runAsync(() -> waiting.completeExceptionally(failure));
        }
    }

    private void dispatch(Consumer<RoomListener> call) {
        try {
            callbacks.execute(() -> {
                try {
                    call.accept(listener);
                } catch (RuntimeException e) {
                    LOG.warn("RoomListener of room {} threw", roomId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("callback executor rejected an event of room {}", roomId, e);
        }
    }

    /** Runs a task on the control thread; after the connection finished, tasks are dropped. */
    private void post(Runnable task) {
        try {
            control.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("unexpected failure in room {} connection", roomId, e);
                }
            });
        } catch (RejectedExecutionException finishedAlready) {
            LOG.debug("room {} connection already finished", roomId);
        }
    }

    private URI webSocketUri() {
        HttpUrl.Builder url = settings.baseUrl().newBuilder().addPathSegments("ws/chat/" + roomId + "/");
        if (!events.isEmpty()) {
            // Only when asked: without the parameter the server answers exactly as the API specification says.
            url.addEncodedQueryParameter("events",
                    events.stream().map(LiveEvent::wireName).sorted().collect(Collectors.joining(",")));
        }
        String http = url.build().toString();
        return URI.create(http.replaceFirst("^http", "ws"));
    }

    /** One WebSocket attempt; its events are handed to the control thread tagged with the socket they came from. */
    private final class Socket extends WebSocketClient {

        final String token;
        final AtomicLong pongs = new AtomicLong();
        volatile Exception error;
        boolean open;

        Socket(URI uri, String token) {
            super(uri, new Draft_6455(), Map.of("Authorization", "Bearer " + token,
                    "User-Agent", settings.userAgent()), (int) settings.connectTimeout().toMillis());
            this.token = token;
            // Liveness is checked by our own ping/pong timer, which has sub-second resolution.
            setConnectionLostTimeout(0);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            post(() -> opened(this));
        }

        @Override
        public void onMessage(String text) {
            post(() -> received(this, text));
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            Exception cause = error;
            post(() -> closed(this, code, reason, cause));
        }

        @Override
        public void onError(Exception exception) {
            error = exception;
        }

        @Override
        public void onWebsocketPong(WebSocket connection, Framedata frame) {
            pongs.incrementAndGet();
        }
    }
}
