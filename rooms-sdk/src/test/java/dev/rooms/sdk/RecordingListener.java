package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Signal;
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
    public sealed interface Event permits State, Received, SignalReceived, Closed { }

    public record State(ConnectionState state) implements Event { }

    public record Received(Message message) implements Event { }

    public record SignalReceived(Signal signal) implements Event { }

    public record Closed(int code, String reason) implements Event { }

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
