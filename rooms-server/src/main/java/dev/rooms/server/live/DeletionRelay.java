package dev.rooms.server.live;

import dev.rooms.server.auth.TokenService;
import dev.rooms.server.room.RoomService;

/**
 * Hands the broker's events to the sessions, and its deletions also to the caches that must forget the
 * deleted thing at once in every process: an account's verified tokens, a room's "active" mark. (The process
 * that deleted forgets on its own commit already; hearing it again is harmless.)
 */
final class DeletionRelay implements Broker.BrokerListener {

    private final Broker.BrokerListener sessions;
    private final TokenService tokens;
    private final RoomService rooms;

    DeletionRelay(Broker.BrokerListener sessions, TokenService tokens, RoomService rooms) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.rooms = rooms;
    }

    @Override
    public void onEnvelope(Envelope envelope) {
        switch (envelope.kind()) {
            case USER_DELETED -> tokens.accountDeleted(envelope.userId());
            case ROOM_DELETED -> rooms.roomDeleted(envelope.roomId());
            default -> {
                // Only deletions concern the caches.
            }
        }
        sessions.onEnvelope(envelope);
    }

    @Override
    public void onBrokerDown() {
        sessions.onBrokerDown();
    }
}
