package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * <p>Chat ordering across processes: a chat event carries the id of the room's previous message. When an
 * event arrives whose predecessor this process has not delivered yet (another process published a later
 * message first), the missing messages are read from the database and delivered first; the late event is
 * then recognised by its id and skipped. Every connection therefore sees the room's messages exactly once,
 * in id order, which is the history's order.
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

    /**
     * @param ordersAcrossProcesses whether chat events come from several processes and may need re-ordering
     *                              (with the in-process broker they arrive in id order already)
     */
    RoomSessionRegistry(Broker broker, ChatHistory history, boolean ordersAcrossProcesses) {
        this.broker = broker;
        this.history = history;
        this.ordersAcrossProcesses = ordersAcrossProcesses;
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
    }

    @Override
    public void onEnvelope(Envelope envelope) {
        switch (envelope.kind()) {
            case CHAT -> deliverChat(envelope);
            case SIGNAL -> deliverSignal(envelope);
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
            if (envelope.messageId() <= room.lastChatId) {
                return; // already delivered from the database while filling a gap
            }
            if (room.lastChatId > 0 && envelope.previousId() > room.lastChatId) {
                List<String> missed = history.framesBetween(room.id, room.lastChatId, envelope.messageId());
                log.debug("Room {}: message {} overtook {} earlier ones; delivering those first",
                        room.id, envelope.messageId(), missed.size());
                missed.forEach(frame -> sendToAll(room, frame));
            }
            room.lastChatId = envelope.messageId();
            sendToAll(room, envelope.frame());
        }
    }

    private void deliverSignal(Envelope envelope) {
        Room room = rooms.get(envelope.roomId());
        if (room == null) {
            return;
        }
        for (LiveConnection connection : room.connections) {
            boolean addressed = envelope.target() == null || envelope.target() == connection.userId();
            if (addressed && !connection.id().equals(envelope.origin())) {
                connection.send(envelope.frame());
            }
        }
    }

    private static void sendToAll(Room room, String frame) {
        for (LiveConnection connection : room.connections) {
            connection.send(frame);
        }
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

    /** A snapshot of every local connection. */
    List<LiveConnection> connections() {
        List<LiveConnection> all = new ArrayList<>();
        rooms.values().forEach(room -> all.addAll(room.connections));
        return all;
    }

    private static final class Room {
        final long id;
        final Set<LiveConnection> connections = ConcurrentHashMap.newKeySet();
        final Object order = new Object();
        /** Guarded by the room's monitor. */
        boolean retired;
        /** Guarded by {@link #order}. */
        long lastChatId;

        Room(long id) {
            this.id = id;
        }
    }
}
