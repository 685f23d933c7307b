package dev.rooms.server.live;

import java.util.concurrent.CompletableFuture;

/**
 * Carries room events between server processes. Each process subscribes to the rooms it has connections in
 * and delivers what arrives to those local connections only, so every connection receives every event
 * exactly once. Events published to one room arrive at every subscriber in publish order.
 */
interface Broker {

    /** Starts receiving; events and failures go to {@code listener} from then on. */
    void start(BrokerListener listener);

    /**
     * Makes this process receive the room's events; returns once the subscription is active.
     *
     * @throws BrokerUnavailableException when the broker cannot be reached
     */
    void subscribe(long roomId);

    /** Stops receiving the room's events; failures are only logged, a stale subscription is harmless. */
    void unsubscribe(long roomId);

    /**
     * Publishes an event to every process subscribed to its room (or, for a deletion of a user or a room, to all).
     * The future completes when the broker has accepted the event, exceptionally with
     * {@link BrokerUnavailableException} when it cannot. Events published from one thread keep their order.
     */
    CompletableFuture<Void> publish(Envelope envelope);

    /** Stops receiving and releases connections. */
    void stop();

    /** Where a broker hands what it receives. Called on the broker's delivery thread, one event at a time. */
    interface BrokerListener {

        void onEnvelope(Envelope envelope);

        /** The broker lost its connection: events published meanwhile are lost to this process. */
        void onBrokerDown();
    }
}
