package dev.rooms.server.live;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.web.socket.CloseStatus;

/**
 * The live layer's Micrometer meters, in one place so the hot paths only call a method each. Counters are
 * cumulative (Prometheus derives rates: {@code rate(rooms_live_messages_stored_total[1m])}); gauges are read
 * at scrape time from the {@link RoomSessionRegistry} and the {@link RoomSequencer}, so the hot paths pay nothing
 * for them.
 */
final class LiveMetrics {

    private final MeterRegistry meters;
    private final Counter stored;
    private final Counter chatDeliveries;
    private final Counter signalDeliveries;
    private final Timer receiveToBroadcast;
    private final Counter reconnects;

    LiveMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.stored = Counter.builder("rooms.live.messages.stored")
                .description("Chat messages received over sockets and committed").register(meters);
        this.chatDeliveries = deliveries("chat");
        this.signalDeliveries = deliveries("signal");
        this.receiveToBroadcast = Timer.builder("rooms.live.receive.to.broadcast")
                .description("From a chat frame's arrival to its broadcast being handed to the broker (after the commit)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        this.reconnects = Counter.builder("rooms.live.broker.reconnects")
                .description("Times the broker's subscription connection came back after it was lost").register(meters);
    }

    private Counter deliveries(String kind) {
        return Counter.builder("rooms.live.deliveries")
                .description("Frames queued to a connection by a broadcast or relay (one per receiving socket)")
                .tag("kind", kind).register(meters);
    }

    /** Gauges read from the registry at scrape time: open connections, rooms with connections, outgoing queues. */
    void watch(RoomSessionRegistry registry) {
        Gauge.builder("rooms.live.connections", registry, RoomSessionRegistry::connectionCount)
                .description("Open WebSocket connections on this process").register(meters);
        Gauge.builder("rooms.live.rooms", registry, RoomSessionRegistry::roomCount)
                .description("Rooms with at least one connection on this process").register(meters);
        Gauge.builder("rooms.live.outgoing.queued", registry, r -> r.queuedChars(false))
                .description("Characters queued for sending, all connections together").baseUnit("characters")
                .register(meters);
        Gauge.builder("rooms.live.outgoing.queued.max", registry, r -> r.queuedChars(true))
                .description("Characters queued for sending to the most backed-up connection").baseUnit("characters")
                .register(meters);
    }

    /** A gauge read from the sequencer at scrape time: rooms whose chat and signals wait or are being worked on. */
    void watch(RoomSequencer sequencer) {
        Gauge.builder("rooms.live.chat.queued.rooms", sequencer, RoomSequencer::queuedRooms)
                .description("Rooms with chat or signals queued or in progress on this process (a quiet room has none)")
                .register(meters);
    }

    void stored(int messages) {
        stored.increment(messages);
    }

    void deliveredChat(int connections) {
        chatDeliveries.increment(connections);
    }

    void deliveredSignal() {
        signalDeliveries.increment();
    }

    void broadcast(long receivedNanos) {
        receiveToBroadcast.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * A socket closed: tagged with the code and reason the server chose when it closed it, else with the
     * peer's code (codes above 2999 folded, so a client cannot make up new series) and reason {@code peer}.
     */
    void closed(CloseStatus serverDecided, CloseStatus received) {
        String code;
        String reason;
        if (serverDecided != null) {
            code = String.valueOf(serverDecided.getCode());
            reason = serverDecided.getReason() == null || serverDecided.getReason().isEmpty() ? "server" : serverDecided.getReason();
        } else {
            int peerCode = received.getCode();
            code = peerCode >= 4000 ? "4xxx" : peerCode >= 3000 ? "3xxx" : String.valueOf(peerCode);
            reason = "peer";
        }
        Counter.builder("rooms.live.closes").description("Closed WebSocket connections by close code")
                .tag("code", code).tag("reason", reason).register(meters).increment();
    }

    /** The broker failed: {@code kind} is {@code publish}, {@code subscribe} or {@code connection_lost}. */
    void brokerError(String kind) {
        Counter.builder("rooms.live.broker.errors").description("Broker failures by kind")
                .tag("kind", kind).register(meters).increment();
    }

    void brokerReconnected() {
        reconnects.increment();
    }
}
