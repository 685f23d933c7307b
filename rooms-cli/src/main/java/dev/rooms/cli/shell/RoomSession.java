package dev.rooms.cli.shell;

import dev.rooms.sdk.CloseCodes;
import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.UnconfirmedSendException;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.jline.utils.AttributedString;

/**
 * The shell's connection to one room: prints what arrives (on the SDK's callback thread, through the printer,
 * which puts it above the input line), turns call signalling into readable notices, reports connection changes,
 * and remembers who was seen in the room for {@code /who}. Lines typed while the connection is being opened or
 * re-opened wait, shown as pending, and are sent in order once it is open.
 */
final class RoomSession implements RoomListener, AutoCloseable {

    /** A person seen in the room, through a message or a call signal; the name is {@code null} if still unknown. */
    record Seen(long id, String name, String email, Instant lastSeen) {
    }

    private final Room room;
    private final ChatFormat format;
    private final Consumer<AttributedString> printer;
    private final Map<Long, Seen> seen = new LinkedHashMap<>();
    /** Everyone whose name is known: authors of the history fetched at join and of every message since. */
    private final Map<Long, UserSummary> names = new HashMap<>();
    /** Lines typed while not connected, sent in order on the next open; guarded by this. */
    private final List<String> pending = new ArrayList<>();
    private volatile boolean everOpen;
    private volatile RoomConnection connection;

    RoomSession(Room room, ChatFormat format, Consumer<AttributedString> printer) {
        this.room = room;
        this.format = format;
        this.printer = printer;
    }

    Room room() {
        return room;
    }

    /** Learns the names of these messages' authors, so their call signals can name them. */
    synchronized void learnNames(List<Message> messages) {
        messages.forEach(message -> names.put(message.user().id(), message.user()));
    }

    /** Shows a message from the history (on the caller's thread) and remembers its author. */
    void show(Message message) {
        remember(message);
        printer.accept(format.message(message));
    }

    /** Goes live, first delivering the stored messages after {@code afterId}. */
    void connect(RoomsClient client, long afterId) {
        connection = client.connect(room.id(), afterId, this);
    }

    /**
     * Sends a message; it is shown when the server's broadcast comes back, a failure is shown as an error. While
     * the connection is connecting or reconnecting (or lines typed then are still waiting) it waits, shown as
     * pending, and goes out when the connection opens.
     */
    synchronized void send(String text) {
        ConnectionState state = connection.state();
        if (!pending.isEmpty() || state == ConnectionState.CONNECTING || state == ConnectionState.RECONNECTING) {
            hold(text);
        } else {
            transmit(connection, text);
        }
    }

    private synchronized void hold(String text) {
        pending.add(text);
        printer.accept(format.notice("pending until connected: " + abbreviate(text)));
    }

    /** Sends the lines typed while away, in order; on the callback thread, once the connection is open. */
    private synchronized void sendPending(RoomConnection open) {
        List<String> waiting = new ArrayList<>(pending);
        pending.clear();
        waiting.forEach(text -> transmit(open, text));
    }

    private void transmit(RoomConnection live, String text) {
        live.send(text).whenComplete((message, failure) -> {
            if (failure == null) {
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            ConnectionState now = live.state();
            if (cause instanceof TransportException && !(cause instanceof UnconfirmedSendException)
                    && now != ConnectionState.CLOSED) {
                // The connection dropped between the check and the send, so nothing went out: send it on reopen.
                hold(text);
                if (live.state() == ConnectionState.OPEN) {
                    // Reopened meanwhile, so no open event will send it; not from here, which may hold the lock.
                    CompletableFuture.runAsync(() -> sendPending(live));
                }
                return;
            }
            printer.accept(format.error("not sent (" + cause.getMessage() + "): " + abbreviate(text)));
        });
    }

    synchronized List<Seen> seen() {
        return new ArrayList<>(seen.values());
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void onMessage(RoomConnection c, Message message) {
        show(message);
    }

    @Override
    public void onSignal(RoomConnection c, Signal signal) {
        String who = nameOf(signal.senderId());
        String notice = null;
        if (signal instanceof Signal.Offer offer) {
            notice = who + " started " + callKind(offer.offer());
        } else if (signal instanceof Signal.Answer) {
            notice = who + " joined the call";
        } else if (signal instanceof Signal.Hangup) {
            notice = who + " hung up";
        }
        // ICE candidates are the plumbing of a call, not news for the people in the room.
        if (notice != null) {
            printer.accept(format.notice(notice));
        }
    }

    @Override
    public void onStateChanged(RoomConnection c, ConnectionState state) {
        if (state == ConnectionState.OPEN) {
            printer.accept(format.notice((everOpen ? "reconnected to " : "connected to ") + room.name()));
            everOpen = true;
            sendPending(c);
        } else if (state == ConnectionState.RECONNECTING) {
            printer.accept(format.notice("connection lost; reconnecting…"));
        }
    }

    @Override
    public void onClosed(RoomConnection c, int code, String reason) {
        String why = switch (code) {
            case CloseCodes.NORMAL -> null;
            case CloseCodes.ROOM_DELETED -> "the room " + room.name() + " was deleted";
            case CloseCodes.HANDSHAKE_NOT_FOUND -> "the room " + room.name() + " no longer exists";
            case CloseCodes.ACCOUNT_DELETED -> "your account was deleted";
            case CloseCodes.HANDSHAKE_UNAUTHORIZED -> "the server rejected the session; run 'rooms login' again";
            default -> "disconnected (" + code + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")";
        };
        if (why != null) {
            printer.accept(format.error(why + "; /join another room or /quit"));
        }
    }

    private synchronized void remember(Message message) {
        UserSummary user = message.user();
        names.put(user.id(), user);
        seen.remove(user.id());
        seen.put(user.id(), new Seen(user.id(), user.name(), user.email(), message.createdAt()));
    }

    private synchronized String nameOf(Long userId) {
        if (userId == null) {
            return "someone";
        }
        UserSummary known = names.get(userId);
        seen.remove(userId);
        seen.put(userId, known == null ? new Seen(userId, null, null, Instant.now())
                : new Seen(userId, known.name(), known.email(), Instant.now()));
        return known == null ? "user #" + userId : known.name();
    }

    private static String callKind(SessionDescription offer) {
        if (offer.sdp().contains("m=video")) {
            return "a video call";
        }
        return offer.sdp().contains("m=audio") ? "a voice call" : "a call";
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= 40 ? line : line.substring(0, 39) + "…";
    }
}
