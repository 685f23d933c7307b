package dev.rooms.server.e2e;

import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.rooms.sdk.ConnectionState;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsException;
import dev.rooms.sdk.model.Message;

/** Keeps everything a connection's listener hears, for assertions that wait with a timeout. Thread-safe. */
class MessageLog implements RoomListener {

    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    private final List<RoomsException> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(RoomConnection connection, Message message) {
        messages.add(message);
    }

    @Override
    public void onStateChanged(RoomConnection connection, ConnectionState state) {
        states.add(state);
    }

    @Override
    public void onError(RoomConnection connection, RoomsException error) {
        errors.add(error);
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    List<Long> ids() {
        return messages.stream().map(Message::id).toList();
    }

    List<ConnectionState> states() {
        return List.copyOf(states);
    }

    List<RoomsException> errors() {
        return List.copyOf(errors);
    }

    /** Waits until at least {@code count} messages arrived. */
    void awaitMessages(int count) {
        await().atMost(EndToEndTest.WAIT).until(() -> messages.size() >= count);
    }

    /** Waits until a message with this content arrived; the listener is called in order, so all before it did. */
    void awaitContent(String content) {
        await().atMost(EndToEndTest.WAIT).until(() -> messages.stream().anyMatch(m -> m.content().equals(content)));
    }

    /** Waits until the connection entered {@code state} at least {@code times} times. */
    void awaitState(ConnectionState state, int times) {
        await().atMost(EndToEndTest.WAIT).until(() -> states.stream().filter(state::equals).count() >= times);
    }
}
