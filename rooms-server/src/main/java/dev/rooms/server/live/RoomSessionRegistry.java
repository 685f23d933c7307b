package dev.rooms.server.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * This process's open connections, by room, and the delivery of broker events to them.
 *
 * <p>A room's entry exists while it has local connections; the first one subscribes this process to the
 * room at the broker, the last one to leave unsubscribes. Membership changes lock only their room; delivery
 * takes no lock at all except, for chat, the room's own ordering lock.
 *
 * <p>Chat ordering across processes: a chat event carries the id of the room's previous message. An event
 * whose predecessor this process has not delivered yet (another process's publish of an earlier message is
 * still on its way) waits, and is delivered as soon as the predecessor arrives, so every copy keeps its
 * sender's {@code nonce}. Only if the missing message does not arrive within the {@link GapWait} (which
 * adapts to how late overtaken messages arrive here; it runs out when the publisher failed after committing)
 * is it read from the database, with the nonce the broker still keeps for it. Signals arriving while chat
 * waits wait behind it, so a sender's order holds. Every connection therefore sees the room's messages
 * exactly once, in id order, which is the history's order.
 */
final class RoomSessionRegistry implements Broker.BrokerListener {

    static final CloseStatus ROOM_DELETED = new CloseStatus(4004, "room deleted");
    static final CloseStatus ACCOUNT_DELETED = new CloseStatus(4003, "account deleted");
    static final CloseStatus BROKER_FAILED = new CloseStatus(1011, "broker unavailable");

    private static final Logger log = LoggerFactory.getLogger(RoomSessionRegistry.class);

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final Broker broker;
    private final ChatHistory history;
    private final boolean ordersAcrossProcesses;
    private final GapWait gapWait;
    private final LiveMetrics metrics;
    /** Runs the database reads that fill gaps; only when ordering across processes. */
    private volatile ScheduledExecutorService gapTimers;

    /**
     * @param ordersAcrossProcesses whether chat events come from several processes and may need re-ordering
     *                              (with the in-process broker they arrive in id order already)
     * @param gapWait               how long a message waits for an earlier one still on its way before that
     *                              one is read from the database
     */
    RoomSessionRegistry(Broker broker, ChatHistory history, boolean ordersAcrossProcesses, GapWait gapWait,
                        LiveMetrics metrics) {
        this.broker = broker;
        this.metrics = metrics;
        this.history = history;
        this.ordersAcrossProcesses = ordersAcrossProcesses;
        this.gapWait = gapWait;
        this.gapTimers = ordersAcrossProcesses ? newGapTimers() : null;
    }

    private static ScheduledExecutorService newGapTimers() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rooms-ws-gap");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts filling gaps again after a {@link #stop()} (a stopped application context may be restarted). */
    void start() {
        if (gapTimers != null && gapTimers.isShutdown()) {
            gapTimers = newGapTimers();
        }
    }

    /** Stops filling gaps (at shutdown, once the connections are closed). */
    void stop() {
        if (gapTimers != null) {
            gapTimers.shutdownNow();
        }
    }

    /**
     * Adds a connection to its room, subscribing this process to the room first if needed. Called during the
     * handshake, before the upgrade answer, so the socket misses nothing published after it: what arrives
     * before the socket is open waits in the connection's queue.
     *
     * @throws BrokerUnavailableException when the subscription fails; the connection is not added
     */
    void join(LiveConnection connection) {
        while (true) {
            Room room = rooms.computeIfAbsent(connection.roomId(), Room::new);
            boolean first;
            synchronized (room) {
                if (room.retired) {
                    continue; // the last connection just left and removed it: make a new one
                }
                first = room.connections.isEmpty();
                if (first) {
                    try {
                        broker.subscribe(room.id);
                    } catch (BrokerUnavailableException e) {
                        retire(room);
                        throw e;
                    }
                }
                if (first && ordersAcrossProcesses) {
                    long last = history.lastMessageId(room.id);
                    synchronized (room.order) {
                        room.lastChatId = Math.max(room.lastChatId, last);
                    }
                }
                room.connections.add(connection);
            }
            return;
        }
    }

    /** Removes a closed connection; the last one in a room unsubscribes this process from it. */
    void leave(LiveConnection connection) {
        Room room = rooms.get(connection.roomId());
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (room.connections.remove(connection) && room.connections.isEmpty()) {
                retire(room);
                broker.unsubscribe(room.id);
            }
        }
    }

    private void retire(Room room) {
        room.retired = true;
        rooms.remove(room.id, room);
        synchronized (room.order) {
            cancelGapWait(room);
        }
    }

    @Override
    public void onEnvelope(Envelope envelope) {
        switch (envelope.kind()) {
            case CHAT -> deliverChat(envelope);
            case SIGNAL, PRESENCE, TYPING, MESSAGE_CHANGED -> deliverSignal(envelope);
            case ROOM_DELETED -> closeRoom(envelope.roomId(), ROOM_DELETED);
            case USER_DELETED -> closeUser(envelope.userId(), ACCOUNT_DELETED);
        }
    }

    @Override
    public void onBrokerDown() {
        closeAll(BROKER_FAILED);
    }

    private void deliverChat(Envelope envelope) {
        Room room = rooms.get(envelope.roomId());
        if (room == null) {
            return;
        }
        if (!ordersAcrossProcesses) {
            sendToAll(room, envelope.frame());
            return;
        }
        synchronized (room.order) {
            if (envelope.messageId() <= room.lastChatId || room.early.containsKey(envelope.messageId())) {
                // A duplicate, or a copy already delivered from the database: then that fill came too early.
                if (envelope.messageId() > room.filledAfter && envelope.messageId() < room.filledBefore
                        && !room.lateFillReported) {
                    room.lateFillReported = true;
                    gapWait.arrivedAfterFill(System.nanoTime() - room.filledGapOpenedAt);
                }
                return;
            }
            room.early.put(envelope.messageId(), new Waiting(envelope));
            deliverInOrder(room, false);
        }
    }

    /**
     * Notes that this process is publishing one of its own chat messages, whose echo its local senders wait
     * for ({@link #awaitEchoes}). Only needed when messages come back through another process's broker.
     */
    void publishing(long roomId, long messageId) {
        Room room = ordersAcrossProcesses ? rooms.get(roomId) : null;
        if (room != null) {
            synchronized (room.order) {
                room.lastPublishedId = Math.max(room.lastPublishedId, messageId);
            }
        }
    }

    /**
     * Waits (at most {@code timeout} in all) until every chat message this process published has come back
     * from the broker and been delivered to its local connections, so a stopping process sends the echoes of
     * what it stored before it closes the sockets.
     *
     * @return how many rooms still wait for some when the time ran out
     */
    int awaitEchoes(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int waiting = 0;
        for (Room room : rooms.values()) {
            synchronized (room.order) {
                long left;
                while (room.lastChatId < room.lastPublishedId && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        room.order.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return waiting + 1;
                    }
                }
                if (room.lastChatId < room.lastPublishedId) {
                    waiting++;
                }
            }
        }
        return waiting;
    }

    /**
     * Delivers the waiting messages whose predecessor has been delivered, in id order; if some still wait
     * for a missing one, (re)starts the wait for it. Called holding the room's ordering lock.
     */
    private void deliverInOrder(Room room, boolean fromDatabase) {
        boolean progressed = false;
        Map.Entry<Long, Waiting> next;
        while ((next = room.early.firstEntry()) != null && next.getValue().chat().previousId() <= room.lastChatId) {
            room.early.pollFirstEntry();
            room.lastChatId = next.getKey();
            sendToAll(room, next.getValue().chat().frame());
            next.getValue().signals().forEach(event -> sendEvent(room, event));
            progressed = true;
        }
        if (progressed) {
            if (room.gapOpenedAt != 0 && !fromDatabase) {
                gapWait.overtakenArrivedAfter(System.nanoTime() - room.gapOpenedAt);
            }
            room.gapOpenedAt = 0;
            room.order.notifyAll(); // awaitEchoes
        }
        if (room.early.isEmpty()) {
            cancelGapWait(room);
        } else if (progressed || room.gapTimer == null) {
            cancelGapWait(room);
            long generation = room.gapGeneration;
            room.gapOpenedAt = System.nanoTime();
            room.gapTimer = gapTimers.schedule(() -> fillGap(room, generation), gapWait.nanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static void cancelGapWait(Room room) {
        if (room.gapTimer != null) {
            room.gapTimer.cancel(false);
            room.gapTimer = null;
        }
        room.gapGeneration++; // a wait already running when cancelled sees this and does nothing
    }

    /** The missing message did not arrive in time: reads it from the database (outside the lock) and goes on. */
    private void fillGap(Room room, long generation) {
        long after;
        long before;
        long openedAt;
        synchronized (room.order) {
            if (generation != room.gapGeneration || room.early.isEmpty()) {
                return;
            }
            room.gapTimer = null;
            openedAt = room.gapOpenedAt;
            after = room.lastChatId;
            before = room.early.firstKey();
        }
        List<StoredChat> missed;
        try {
            missed = history.messagesBetween(room.id, after, before, broker::recentNonces);
        } catch (RuntimeException e) {
            log.warn("Room {}: reading messages {}..{} to fill a gap failed: {}", room.id, after, before, e.toString());
            missed = List.of();
        }
        synchronized (room.order) {
            log.debug("Room {}: {} message(s) before {} did not arrive in time; delivering them from the database",
                    room.id, missed.size(), before);
            room.filledAfter = after;
            room.filledBefore = before;
            room.filledGapOpenedAt = openedAt;
            room.lateFillReported = false;
            for (StoredChat message : missed) {
                if (message.id() > room.lastChatId) {
                    room.early.putIfAbsent(message.id(), new Waiting(
                            Envelope.chat(room.id, message.id(), message.previousId(), message.frame(), message.nonce())));
                }
            }
            deliverInOrder(room, true);
            Map.Entry<Long, Waiting> stuck = room.early.firstEntry();
            if (stuck != null && stuck.getKey() == before && stuck.getValue().chat().previousId() > room.lastChatId) {
                // Not even in the database (or it could not be read): never hold the room up for good.
                long missing = stuck.getValue().chat().previousId();
                log.warn("Room {}: message {} is missing; going on without it", room.id, missing);
                room.lastChatId = missing;
                deliverInOrder(room, true);
            }
        }
    }

    private void deliverSignal(Envelope envelope) {
        Room room = rooms.get(envelope.roomId());
        if (room == null) {
            return;
        }
        if (!ordersAcrossProcesses) {
            sendEvent(room, envelope);
            return;
        }
        synchronized (room.order) {
            if (room.early.isEmpty()) {
                sendEvent(room, envelope);
            } else {
                // Its sender's chat published before it may be among those waiting: keep the sender's order.
                room.early.lastEntry().getValue().signals().add(envelope);
            }
        }
    }

    /** A signal or an opt-in event, to the connections it is for (encoded once, when the first is found). */
    private void sendEvent(Room room, Envelope envelope) {
        TextFrame frame = null;
        for (LiveConnection connection : room.connections) {
            if (isFor(envelope, connection)) {
                if (frame == null) {
                    frame = TextFrame.of(envelope.frame());
                }
                connection.send(frame);
                metrics.deliveredSignal();
            }
        }
    }

    private static boolean isFor(Envelope envelope, LiveConnection connection) {
        return switch (envelope.kind()) {
            case SIGNAL -> (envelope.target() == null || envelope.target() == connection.userId())
                    && !connection.id().equals(envelope.origin());
            case PRESENCE -> connection.wants(LiveEvent.PRESENCE);
            // Not to the typist's own sockets: they know.
            case TYPING -> connection.wants(LiveEvent.TYPING) && connection.userId() != envelope.userId();
            case MESSAGE_CHANGED -> connection.wants(LiveEvent.EDITS);
            case CHAT, ROOM_DELETED, USER_DELETED -> false;
        };
    }

    private void sendToAll(Room room, String text) {
        TextFrame frame = TextFrame.of(text); // once for every receiver
        int sent = 0;
        for (LiveConnection connection : room.connections) {
            connection.send(frame);
            sent++;
        }
        metrics.deliveredChat(sent);
    }

    /** Closes every local connection in the room. */
    void closeRoom(long roomId, CloseStatus status) {
        Room room = rooms.get(roomId);
        if (room != null) {
            room.connections.forEach(connection -> connection.close(status));
        }
    }

    /** Closes every local connection of the user, in all rooms. */
    void closeUser(long userId, CloseStatus status) {
        for (Room room : rooms.values()) {
            for (LiveConnection connection : room.connections) {
                if (connection.userId() == userId) {
                    connection.close(status);
                }
            }
        }
    }

    /** Closes every local connection. */
    void closeAll(CloseStatus status) {
        connections().forEach(connection -> connection.close(status));
    }

    /** Whether this process holds an entry (connections, a broker subscription) for the room. */
    boolean hasRoom(long roomId) {
        return rooms.containsKey(roomId);
    }

    /** Open local connections (for the metrics). */
    int connectionCount() {
        int count = 0;
        for (Room room : rooms.values()) {
            count += room.connections.size();
        }
        return count;
    }

    /** Rooms with local connections (for the metrics). */
    int roomCount() {
        return rooms.size();
    }

    /** Characters queued for sending: to all connections together, or to the most backed-up one. */
    long queuedChars(boolean largest) {
        long total = 0;
        long max = 0;
        for (Room room : rooms.values()) {
            for (LiveConnection connection : room.connections) {
                long queued = connection.queuedChars();
                total += queued;
                max = Math.max(max, queued);
            }
        }
        return largest ? max : total;
    }

    /** A snapshot of every local connection. */
    List<LiveConnection> connections() {
        List<LiveConnection> all = new ArrayList<>();
        rooms.values().forEach(room -> all.addAll(room.connections));
        return all;
    }

    /**
     * A chat message waiting for its predecessor, and the signals and opt-in events that arrived after it, to
     * follow it.
     */
    private record Waiting(Envelope chat, List<Envelope> signals) {
        Waiting(Envelope chat) {
            this(chat, new ArrayList<>());
        }
    }

    private static final class Room {
        final long id;
        final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
        final Object order = new Object();
        /** Guarded by the room's monitor. */
        boolean retired;
        /** The id of the last chat message delivered; guarded by {@link #order}. */
        long lastChatId;
        /** Chat that arrived before its predecessor, by id; guarded by {@link #order}. */
        final TreeMap<Long, Waiting> early = new TreeMap<>();
        /** The running wait for a missing message, if any; guarded by {@link #order}. */
        ScheduledFuture<?> gapTimer;
        /** Changes whenever a wait ends or is replaced; guarded by {@link #order}. */
        long gapGeneration;
        /** When the running wait began ({@code System.nanoTime()}), 0 when none; guarded by {@link #order}. */
        long gapOpenedAt;
        /** The last fill from the database: it delivered ids strictly between these; guarded by {@link #order}. */
        long filledAfter;
        long filledBefore;
        /** When the last fill's wait began, and whether a late copy of it was reported; guarded by {@link #order}. */
        long filledGapOpenedAt;
        boolean lateFillReported;
        /** The newest chat message this process published in the room; guarded by {@link #order}. */
        long lastPublishedId;

        Room(long id) {
            this.id = id;
        }
    }
}
