package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.UserSummary;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records listener calls in order on a blocking queue (errors on a second one) for tests to assert on with
 * timeouts.
 */
public class RecordingListener implements RoomListener {

    /** A recorded call. */
    public sealed interface Event permits State, Received, SignalReceived, Closed, PresenceReceived, Typing, Updated,
            Deleted { }

    public record State(ConnectionState state) implements Event { }

    public record Received(Message message) implements Event { }

    public record SignalReceived(Signal signal) implements Event { }

    public record Closed(int code, String reason) implements Event { }

    public record PresenceReceived(PresenceEvent event) implements Event { }

    public record Typing(UserSummary user) implements Event { }

    public record Updated(EditedMessage edited) implements Event { }

    public record Deleted(long messageId) implements Event { }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<RoomsException> errors = new LinkedBlockingQueue<>();
    private final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void onMessage(RoomConnection connection, Message message) {
        record(new Received(message));
    }

    @Override
    public void onSignal(RoomConnection connection, Signal signal) {
        record(new SignalReceived(signal));
    }

    @Override
    public void onPresence(RoomConnection connection, PresenceEvent event) {
        record(new PresenceReceived(event));
    }

    @Override
    public void onTyping(RoomConnection connection, UserSummary user) {
        record(new Typing(user));
    }

    @Override
    public void onMessageUpdated(RoomConnection connection, EditedMessage edited) {
        record(new Updated(edited));
    }

    @Override
    public void onMessageDeleted(RoomConnection connection, long messageId) {
        record(new Deleted(messageId));
    }

    @Override
    public void onStateChanged(RoomConnection connection, ConnectionState state) {
        record(new State(state));
    }

    @Override
    public void onError(RoomConnection connection, RoomsException error) {
        threads.add(Thread.currentThread().getName());
        errors.add(error);
    }

    @Override
    public void onClosed(RoomConnection connection, int code, String reason) {
        record(new Closed(code, reason));
    }

    private void record(Event event) {
        threads.add(Thread.currentThread().getName());
        events.add(event);
    }

    public Event next() throws InterruptedException {
        Event event = events.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("next listener event within 5 s").isNotNull();
        return event;
    }

    public void expectState(ConnectionState state) throws InterruptedException {
        assertThat(next()).isEqualTo(new State(state));
    }

    public Message expectMessage() throws InterruptedException {
        Event event = next();
        assertThat(event).isInstanceOf(Received.class);
        return ((Received) event).message();
    }

    public Signal expectSignal() throws InterruptedException {
        Event event = next();
        assertThat(event).isInstanceOf(SignalReceived.class);
        return ((SignalReceived) event).signal();
    }

    public Closed expectClosed() throws InterruptedException {
        expectState(ConnectionState.CLOSED);
        Event event = next();
        assertThat(event).isInstanceOf(Closed.class);
        return (Closed) event;
    }

    public RoomsException expectError() throws InterruptedException {
        RoomsException error = errors.poll(5, TimeUnit.SECONDS);
        assertThat(error).as("error within 5 s").isNotNull();
        return error;
    }

    /** Asserts that no further event arrives within a short wait. */
    public void expectNoMoreEvents(Duration wait) throws InterruptedException {
        assertThat(events.poll(wait.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    public Set<String> threads() {
        return threads;
    }
}
