package dev.rooms.cli;

import dev.rooms.sdk.CloseCodes;
import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.RoomsException;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.model.Message;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A live room connection for {@code messages --follow}: waits until it is open, reports
 * reconnects as status lines, and turns the way it ended into a {@link CliException} with the right exit code.
 * A connection that cannot open the first time fails at once instead of retrying.
 */
final class LiveRoom implements RoomListener, AutoCloseable {

    private final String label;
    private final Consumer<Message> messages;
    private final Consumer<String> status;
    private final CountDownLatch opened = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean everOpen;
    private volatile RoomsException lastError;
    private volatile CliException failure;
    private RoomConnection connection;

    private LiveRoom(String label, Consumer<Message> messages, Consumer<String> status) {
        this.label = label;
        this.messages = messages;
        this.status = status;
    }

    /**
     * Connects and waits until the connection is open.
     *
     * @param afterId deliver stored messages after this id first (0: all), or {@code null} for live ones only
     */
    static LiveRoom open(RoomsClient client, long roomId, Long afterId, Consumer<Message> messages,
                         Consumer<String> status) throws InterruptedException {
        LiveRoom room = new LiveRoom("room " + roomId, messages, status);
        room.connection = afterId == null ? client.connect(roomId, room) : client.connect(roomId, afterId, room);
        room.opened.await();
        if (room.failure != null) {
            room.close();
            throw room.failure;
        }
        return room;
    }

    /** Waits until the connection ends; throws how it failed, returns if it was closed normally. */
    void awaitClosed() throws InterruptedException {
        closed.await();
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes the connection and waits (briefly) until its last callback ran. */
    @Override
    public void close() {
        connection.close();
        try {
            closed.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onMessage(RoomConnection c, Message message) {
        messages.accept(message);
    }

    @Override
    public void onStateChanged(RoomConnection c, ConnectionState state) {
        if (state == ConnectionState.OPEN) {
            if (everOpen) {
                status.accept("reconnected to " + label);
            }
            everOpen = true;
            opened.countDown();
        } else if (state == ConnectionState.RECONNECTING) {
            if (!everOpen) {
                failure = new CliException(ExitCodes.UNREACHABLE, "cannot connect to " + label
                        + (lastError != null ? " (" + lastError.getMessage() + ")" : ""));
                opened.countDown();
                c.close();
            } else {
                status.accept("connection to " + label + " lost; reconnecting…");
            }
        }
    }

    @Override
    public void onError(RoomConnection c, RoomsException error) {
        lastError = error;
    }

    @Override
    public void onClosed(RoomConnection c, int code, String reason) {
        if (failure == null && code != CloseCodes.NORMAL) {
            failure = describe(code, reason);
        }
        opened.countDown();
        closed.countDown();
    }

    private CliException describe(int code, String reason) {
        return switch (code) {
            case CloseCodes.HANDSHAKE_UNAUTHORIZED -> new CliException(ExitCodes.NOT_LOGGED_IN,
                    "the server rejected the session (" + reason + "); run 'rooms login' again");
            case CloseCodes.ACCOUNT_DELETED -> new CliException(ExitCodes.NOT_LOGGED_IN, "the account was deleted");
            case CloseCodes.HANDSHAKE_NOT_FOUND -> new CliException(ExitCodes.NOT_FOUND, "no " + label);
            case CloseCodes.ROOM_DELETED -> new CliException(ExitCodes.NOT_FOUND, label + " was deleted");
            default -> new CliException(lastError instanceof TransportException ? ExitCodes.UNREACHABLE
                    : ExitCodes.ERROR, "connection to " + label + " closed (" + code
                    + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")");
        };
    }
}
