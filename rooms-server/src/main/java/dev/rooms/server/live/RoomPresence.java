package dev.rooms.server.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.rooms.server.user.UserService;
import dev.rooms.server.user.UserSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who is connected to which room: this process's connections by room and user, shared through the
 * {@link PresenceStore} so that a user's first connection on any process is announced as a join and their last
 * one anywhere as a leave (several tabs are one presence), and relays typing at most once per user every
 * {@link #TYPING_INTERVAL}. Events go through the broker to the sockets that opted into them.
 *
 * <p>Opening and closing are idempotent per connection (the handshake's failure path and the socket's close
 * may both report one). Changes of one room are serialised by that room's lock, which the store's calls run
 * under, so a join and a leave of the same user can never be announced out of order by this process.
 * The heartbeat ({@link #refreshAll}) also announces the leaves of users of processes that died.
 */
final class RoomPresence {

    /** The least time between two typing events of one user in one room (from this process). */
    static final Duration TYPING_INTERVAL = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(RoomPresence.class);

    private static final int LOCK_STRIPES = 64;

    /** Each room's users on this process, by user id; a room's map is guarded by {@link #lock(long)}. */
    private final Map<Long, Map<Long, Here>> rooms = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final PresenceStore store;
    private final Broker broker;
    private final UserService users;
    private final JsonMapper json;
    private final Clock clock;

    RoomPresence(PresenceStore store, Broker broker, UserService users, JsonMapper json, Clock clock) {
        this.store = store;
        this.broker = broker;
        this.users = users;
        this.json = json;
        this.clock = clock;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /** A connection joined its room (before its upgrade answer, so it receives its own join if it opted in). */
    void opened(LiveConnection connection) {
        synchronized (lock(connection.roomId())) {
            Map<Long, Here> room = rooms.computeIfAbsent(connection.roomId(), id -> new HashMap<>());
            Here here = room.get(connection.userId());
            if (here != null) {
                if (here.connections.add(connection.id())) {
                    shared(() -> store.changed(connection.roomId(), connection.userId(), here.entry()));
                }
                return;
            }
            Optional<UserSummary> user = users.findSummary(connection.userId());
            if (user.isEmpty()) {
                removeIfEmpty(connection.roomId(), room);
                return; // deleted meanwhile: its socket is being closed with 4003
            }
            Here arrived = new Here(user.get(), now());
            arrived.connections.add(connection.id());
            room.put(connection.userId(), arrived);
            if (sharedDecision(() -> store.joined(connection.roomId(), connection.userId(), arrived.entry()))) {
                announce(connection.roomId(), "join", arrived.user);
            }
        }
    }

    /** A connection closed (or its upgrade failed). */
    void closed(LiveConnection connection) {
        synchronized (lock(connection.roomId())) {
            Map<Long, Here> room = rooms.get(connection.roomId());
            Here here = room == null ? null : room.get(connection.userId());
            if (here == null || !here.connections.remove(connection.id())) {
                return;
            }
            if (!here.connections.isEmpty()) {
                shared(() -> store.changed(connection.roomId(), connection.userId(), here.entry()));
                return;
            }
            room.remove(connection.userId());
            removeIfEmpty(connection.roomId(), room);
            if (sharedDecision(() -> store.left(connection.roomId(), connection.userId()))) {
                announce(connection.roomId(), "leave", here.user);
            }
        }
    }

    /** An idle room keeps nothing in memory. Called holding the room's lock. */
    private void removeIfEmpty(long roomId, Map<Long, Here> room) {
        if (room.isEmpty()) {
            rooms.remove(roomId);
        }
    }

    /**
     * The lock of a room's presence. Striped rather than one per room, so that a room's lock never has to be
     * created or removed: every change of a room, and the store calls deciding its joins and leaves, run under
     * the same lock whether or not the room has an entry at that moment.
     */
    private Object lock(long roomId) {
        return locks[Math.floorMod(Long.hashCode(roomId), locks.length)];
    }

    /** The connection's user is typing: relays it unless the user's last typing event was too recent. */
    void typing(LiveConnection connection) {
        UserSummary user;
        synchronized (lock(connection.roomId())) {
            Map<Long, Here> room = rooms.get(connection.roomId());
            Here here = room == null ? null : room.get(connection.userId());
            long now = System.nanoTime();
            if (here == null || (here.typedAt != null && now - here.typedAt < TYPING_INTERVAL.toNanos())) {
                return;
            }
            here.typedAt = now;
            user = here.user;
        }
        String frame = json.writeValueAsString(new TypingFrame("typing", user));
        publish(Envelope.typing(connection.roomId(), connection.userId(), frame));
    }

    /** Everyone connected to the room now, on every process, earliest first. */
    List<PresenceResponse> present(long roomId) {
        Map<Long, PresenceEntry> local = new HashMap<>();
        synchronized (lock(roomId)) {
            rooms.getOrDefault(roomId, Map.of()).forEach((userId, here) -> local.put(userId, here.entry()));
        }
        Map<Long, PresenceEntry> everyone = store.present(roomId, local);
        return everyone.entrySet().stream()
                .flatMap(entry -> users.findSummary(entry.getKey()).stream()
                        .map(user -> new PresenceResponse(user, entry.getValue().connections(), entry.getValue().since())))
                .sorted(Comparator.comparing(PresenceResponse::since).thenComparing(p -> p.user().id()))
                .toList();
    }

    /**
     * The heartbeat: re-writes this process's part of every room in the store, each under its room's lock, and
     * announces the leaves of users who were in those rooms only on a process that died.
     */
    void refreshAll() {
        rooms.keySet().forEach(roomId -> {
            synchronized (lock(roomId)) {
                Map<Long, PresenceEntry> local = new HashMap<>();
                rooms.getOrDefault(roomId, Map.of()).forEach((userId, here) -> local.put(userId, here.entry()));
                shared(() -> store.refresh(roomId, local));
                Set<Long> left = new HashSet<>();
                shared(() -> left.addAll(store.reap(roomId)));
                left.forEach(userId -> users.findSummary(userId).ifPresent(user -> announce(roomId, "leave", user)));
            }
        });
    }

    private void announce(long roomId, String event, UserSummary user) {
        publish(Envelope.presence(roomId, json.writeValueAsString(new PresenceFrame("presence", event, user, now()))));
    }

    private void publish(Envelope envelope) {
        broker.publish(envelope).whenComplete((ignored, failure) -> {
            if (failure != null) {
                log.debug("Could not publish a {} event of room {}: {}", envelope.kind(), envelope.roomId(), failure.toString());
            }
        });
    }

    /** A change for the shared store; if Redis is down, presence goes on locally (the heartbeat catches up). */
    private static void shared(Runnable change) {
        try {
            change.run();
        } catch (RuntimeException e) {
            log.debug("Presence store unavailable: {}", e.toString());
        }
    }

    /**
     * Whether the shared store says the change is news; if Redis is down nobody else can hear the event anyway
     * (every socket is being closed with 1011), so it is not announced.
     */
    private static boolean sharedDecision(BooleanSupplier decision) {
        try {
            return decision.getAsBoolean();
        } catch (RuntimeException e) {
            log.debug("Presence store unavailable: {}", e.toString());
            return false;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A user's presence in a room on this process; guarded by the room's lock. */
    private static final class Here {
        final UserSummary user;
        final Instant since;
        final Set<String> connections = new HashSet<>();
        /** {@link System#nanoTime()} of the last typing event relayed, {@code null} before the first. */
        Long typedAt;

        Here(UserSummary user, Instant since) {
            this.user = user;
            this.since = since;
        }

        PresenceEntry entry() {
            return new PresenceEntry(connections.size(), since);
        }
    }

    /** {@code {"type": "presence", "event": "join" | "leave", "user": {...}, "at": "..."}}. */
    private record PresenceFrame(String type, String event, UserSummary user, Instant at) {
    }

    /** {@code {"type": "typing", "user": {...}}}. */
    private record TypingFrame(String type, UserSummary user) {
    }
}
