package dev.rooms.server.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.web.socket.CloseStatus;

/**
 * This process's open connections, by room, and the delivery of broker events to them.
 *
 * <p>A room's entry exists while it has local connections; the first one subscribes this process to the
 * room at the broker, the last one to leave unsubscribes. Membership changes lock only their room; delivery
 * takes no lock at all except, when chat comes from several processes, the room's {@link ChatReorderBuffer}.
 * With the in-process broker chat arrives in id order already and goes straight to the connections.
 */
final class RoomSessionRegistry implements Broker.BrokerListener {

    static final CloseStatus ROOM_DELETED = new CloseStatus(4004, "room deleted");
    static final CloseStatus ACCOUNT_DELETED = new CloseStatus(4003, "account deleted");
    static final CloseStatus BROKER_FAILED = new CloseStatus(1011, "broker unavailable");

    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final Broker broker;
    /** Only when chat comes from several processes (Redis); else {@code null}. */
    private final ChatReorderBuffer reorder;
    private final LiveMetrics metrics;

    /**
     * @param reorder puts chat from several processes back into id order; {@code null} with the in-process
     *                broker, whose chat arrives in id order already
     */
    RoomSessionRegistry(Broker broker, ChatReorderBuffer reorder, LiveMetrics metrics) {
        this.broker = broker;
        this.reorder = reorder;
        this.metrics = metrics;
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
                if (first && reorder != null) {
                    room.order = reorder.open(room.id, room);
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
        if (room.order != null) {
            room.order.close();
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
        if (reorder == null) {
            room.chat(envelope);
        } else if (room.order != null) {
            room.order.chat(envelope);
        }
    }

    private void deliverSignal(Envelope envelope) {
        Room room = rooms.get(envelope.roomId());
        if (room == null) {
            return;
        }
        if (reorder == null) {
            room.event(envelope);
        } else if (room.order != null) {
            room.order.event(envelope);
        }
    }

    /**
     * Notes that this process is publishing one of its own chat messages, whose echo its local senders wait
     * for ({@link #awaitEchoes}). Only needed when messages come back through another process's broker.
     */
    void publishing(long roomId, long messageId) {
        Room room = reorder == null ? null : rooms.get(roomId);
        if (room != null && room.order != null) {
            room.order.published(messageId);
        }
    }

    /**
     * Waits (at most {@code timeout} in all) until every chat message this process published has come back
     * from the broker and been delivered to its local connections, so a stopping process sends the echoes of
     * what it stored before it closes the sockets. With the in-process broker a publish delivers before it
     * returns: nothing to wait for.
     *
     * @return how many rooms still wait for some when the time ran out
     */
    int awaitEchoes(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int waiting = 0;
        for (Room room : rooms.values()) {
            try {
                if (room.order != null && !room.order.awaitEchoes(deadline)) {
                    waiting++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return waiting + 1;
            }
        }
        return waiting;
    }

    /**
     * Holds the writes of the room's connections while the caller delivers a batch of the room's chat, so that
     * each socket writes the batch with one system call (a write to a socket costs about as much for one frame
     * as for several; README-bench). Only with the in-process broker, whose publish delivers before it returns;
     * with Redis the chat arrives later, on the broker's thread, and nothing is held.
     *
     * @param messages how many the batch has: one goes out with one write anyway, and nothing is held
     * @return releases what it held; closed once the batch is published
     */
    HeldWrites holdWrites(long roomId, int messages) {
        Room room = reorder == null && messages > 1 ? rooms.get(roomId) : null;
        if (room == null) {
            return () -> { };
        }
        List<LiveConnection> held = List.copyOf(room.connections);
        held.forEach(LiveConnection::holdWrites);
        return () -> held.forEach(LiveConnection::releaseWrites);
    }

    /** Releases the writes {@link #holdWrites} held. */
    interface HeldWrites extends AutoCloseable {
        @Override
        void close();
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

    /** Open local connections (for the metrics). */
    int connectionCount() {
        int count = 0;
        for (Room room : rooms.values()) {
            count += room.connections.size();
        }
        return count;
    }

    /** Rooms with local connections, each holding an entry and a broker subscription (for the metrics). */
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

    /** A room's local connections; also where its events go once they are in order. */
    private final class Room implements ChatReorderBuffer.Receiver {
        final long id;
        final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
        /** Guarded by the room's monitor. */
        boolean retired;
        /** The room's chat order, set when its first connection joins; only with a reorder buffer. */
        volatile ChatReorderBuffer.RoomOrder order;

        Room(long id) {
            this.id = id;
        }

        @Override
        public void chat(Envelope chat) {
            sendToAll(this, chat.frame());
        }

        @Override
        public void event(Envelope event) {
            sendEvent(this, event);
        }
    }
}
