package dev.rooms.server.live;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rooms.server.message.MessageDeleted;
import dev.rooms.server.message.MessageEdited;
import dev.rooms.server.room.RoomDeleted;
import dev.rooms.server.user.UserDeleted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns committed deletions into broker events, so every process closes its affected sockets: a deleted
 * room's with 4004, a deleted account's with 4003. Committed edits and deletions of messages become
 * {@code message-updated} / {@code message-deleted} frames for the sockets that opted into {@code edits}.
 */
final class LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);

    private final Broker broker;
    private final JsonMapper json;

    LiveEvents(Broker broker, JsonMapper json) {
        this.broker = broker;
        this.json = json;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void messageEdited(MessageEdited event) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "message-updated");
        frame.putAll(json.convertValue(event.message(), new TypeReference<Map<String, Object>>() { }));
        broker.publish(Envelope.messageChanged(event.roomId(), json.writeValueAsString(frame)))
                .whenComplete(LiveEvents::logFailure);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void messageDeleted(MessageDeleted event) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "message-deleted");
        frame.put("id", event.messageId());
        broker.publish(Envelope.messageChanged(event.roomId(), json.writeValueAsString(frame)))
                .whenComplete(LiveEvents::logFailure);
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
            log.warn("Could not publish an event: {}", failure.toString());
        }
    }
}
