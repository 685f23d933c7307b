package dev.rooms.server.live;

import java.util.concurrent.CompletableFuture;

/**
 * The default broker for a single process: publishing delivers straight to the local connections on the
 * publisher's thread. Delivery only enqueues on each connection, so it never blocks on a slow client.
 */
final class LocalBroker implements Broker {

    private volatile BrokerListener listener;

    @Override
    public void start(BrokerListener listener) {
        this.listener = listener;
    }

    @Override
    public void subscribe(long roomId) {
        // Every local connection already receives everything published in this process.
    }

    @Override
    public void unsubscribe(long roomId) {
        // Nothing to release.
    }

    @Override
    public CompletableFuture<Void> publish(Envelope envelope) {
        listener.onEnvelope(envelope);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void stop() {
        // Nothing to release.
    }
}
