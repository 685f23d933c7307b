package dev.rooms.cli.shell;

import dev.rooms.sdk.CloseCodes;
import dev.rooms.sdk.ConnectOptions;
import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.LiveEvent;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.RoomsException;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.UnconfirmedSendException;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.HistoryMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Presence;
import dev.rooms.sdk.model.PresenceEvent;
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
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.jline.utils.AttributedString;

/**
 * The shell's connection to one room: prints what arrives (on the SDK's callback thread, through the printer,
 * which puts it above the input line), turns call signalling into readable notices, reports connection changes,
 * announces arrivals, departures, edits and deletions, and keeps who is connected now (for {@code /who}) and who
 * is typing (for the status line). Lines typed while the connection is being opened or re-opened wait, shown as
 * pending, and are sent in order once it is open.
 */
final class RoomSession implements RoomListener, AutoCloseable {

    /** Messages kept to describe a deletion by its author and text; older ones are named by id only. */
    private static final int MESSAGES_KEPT = 1000;

    private final Room room;
    private final long myId;
    private final ChatFormat format;
    private final Consumer<AttributedString> printer;
    private final Runnable typingChanged;
    private final TypingStatus typing = new TypingStatus();
    /** Who is connected now: read on every open, kept current by presence events in between; by user id. */
    private final Map<Long, Presence> present = new LinkedHashMap<>();
    /** Everyone whose name is known: authors of the history read at join and of every message since; who is here. */
    private final Map<Long, UserSummary> names = new HashMap<>();
    /** The messages shown lately, by id, so a deletion can say which one went. */
    private final Map<Long, Message> shown = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Message> eldest) {
            return size() > MESSAGES_KEPT;
        }
    };
    /** The ids of this user's messages in the room known to the shell, for {@code /edit} and {@code /delete}. */
    private final NavigableSet<Long> own = new TreeSet<>();
    /** Lines typed while not connected, sent in order on the next open; guarded by this. */
    private final List<String> pending = new ArrayList<>();
    private volatile boolean everOpen;
    private volatile RoomsClient client;
    private volatile RoomConnection connection;

    /**
     * Creates the session; {@link #connect} opens its connection.
     *
     * @param typingChanged called (on the SDK's callback thread) when someone starts or stops typing
     */
    RoomSession(Room room, long myId, ChatFormat format, Consumer<AttributedString> printer, Runnable typingChanged) {
        this.room = room;
        this.myId = myId;
        this.format = format;
        this.printer = printer;
        this.typingChanged = typingChanged;
    }

    Room room() {
        return room;
    }

    /**
     * Learns the names of these messages' authors, so their call signals can name them, and which of them are
     * this user's own.
     */
    synchronized void learn(List<Message> messages) {
        messages.forEach(this::remember);
    }

    /** Shows a message from the history (on the caller's thread), marked if it was edited, and remembers it. */
    void show(HistoryMessage message) {
        remember(message.message());
        printer.accept(format.message(message.message(), message.edited()));
    }

    /**
     * Goes live, first delivering the stored messages after {@code afterId}, with arrivals and departures,
     * typing, edits and deletions.
     */
    void connect(RoomsClient roomsClient, long afterId) {
        client = roomsClient;
        connection = roomsClient.connect(room.id(), ConnectOptions.builder()
                .events(LiveEvent.PRESENCE, LiveEvent.TYPING, LiveEvent.EDITS).after(afterId).build(), this);
    }

    /** Tells the others this user is typing; nothing happens while the connection is not open. */
    void typing() {
        if (connection.state() == ConnectionState.OPEN) {
            // A frame the socket could not take is of no consequence: the next key press tries again.
            connection.typing();
        }
    }

    /** The names of those typing now, oldest first. */
    List<String> typingNames() {
        return typing.names(Instant.now());
    }

    /** Who is connected to the room: as of the last presence event, or of the connection loss when not open. */
    synchronized List<Presence> present() {
        return new ArrayList<>(present.values());
    }

    boolean isOpen() {
        return connection.state() == ConnectionState.OPEN;
    }

    /** The newest of this user's messages in the room that the shell knows of. */
    synchronized OptionalLong lastOwnMessage() {
        return own.isEmpty() ? OptionalLong.empty() : OptionalLong.of(own.last());
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

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public void onMessage(RoomConnection c, Message message) {
        remember(message);
        printer.accept(format.message(message));
        stoppedTyping(message.user().id());
    }

    @Override
    public void onPresence(RoomConnection c, PresenceEvent event) {
        UserSummary user = event.user();
        boolean joined = event.kind() == PresenceEvent.Kind.JOIN;
        synchronized (this) {
            names.put(user.id(), user);
            if (joined) {
                present.putIfAbsent(user.id(), new Presence(user, 1, event.at()));
            } else {
                present.remove(user.id());
            }
        }
        if (user.id() != myId) {
            printer.accept(format.event(user.name() + (joined ? " joined" : " left")));
        }
        if (!joined) {
            stoppedTyping(user.id());
        }
    }

    @Override
    public void onTyping(RoomConnection c, UserSummary user) {
        typing.typed(user, Instant.now());
        typingChanged.run();
    }

    @Override
    public void onMessageUpdated(RoomConnection c, EditedMessage edited) {
        remember(edited.message());
        printer.accept(format.message(edited.message(), true));
    }

    @Override
    public void onMessageDeleted(RoomConnection c, long messageId) {
        Message gone;
        synchronized (this) {
            gone = shown.remove(messageId);
            own.remove(messageId);
        }
        printer.accept(format.event("message " + messageId + " deleted"
                + (gone == null ? "" : " (" + gone.user().name() + ": " + abbreviate(gone.content()) + ")")));
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
            // Presence is not caught up after a drop, so who is here is read afresh on every open; the events
            // that follow (this callback blocks them until it returns) keep it current.
            readPresence();
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

    private void readPresence() {
        List<Presence> now;
        try {
            now = client.rooms().presence(room.id());
        } catch (RoomsException e) {
            printer.accept(format.error("cannot tell who is here: " + e.getMessage()));
            return;
        }
        synchronized (this) {
            present.clear();
            now.forEach(presence -> {
                present.put(presence.user().id(), presence);
                names.put(presence.user().id(), presence.user());
            });
        }
    }

    private void stoppedTyping(long userId) {
        if (typing.stopped(userId)) {
            typingChanged.run();
        }
    }

    private synchronized void remember(Message message) {
        UserSummary user = message.user();
        names.put(user.id(), user);
        shown.put(message.id(), message);
        if (user.id() == myId) {
            own.add(message.id());
        }
    }

    private synchronized String nameOf(Long userId) {
        if (userId == null) {
            return "someone";
        }
        UserSummary known = names.get(userId);
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
