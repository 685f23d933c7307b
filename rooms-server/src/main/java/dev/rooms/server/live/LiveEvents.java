package dev.rooms.server.live;

import dev.rooms.server.room.RoomDeleted;
import dev.rooms.server.user.UserDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Turns committed deletions into broker events, so every process closes its affected sockets: a deleted
 * room's with 4004, a deleted account's with 4003.
 */
final class LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Broker broker;

    LiveEvents(Broker broker) {
        this.broker = broker;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void roomDeleted(RoomDeleted event) {
        broker.publish(Envelope.roomDeleted(event.roomId())).whenComplete(LiveEvents::logFailure);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void userDeleted(UserDeleted event) {
        broker.publish(Envelope.userDeleted(event.userId())).whenComplete(LiveEvents::logFailure);
    }

    private static void logFailure(Void ignored, Throwable failure) {
        if (failure != null) {
            // The broker is down, so every process is closing its sockets with 1011 anyway.
            log.warn("Could not publish a deletion: {}", failure.toString());
        }
    }
}
