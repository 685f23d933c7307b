package dev.rooms.server.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays WebRTC signals: not persisted, stamped with the sender's user id (whatever the client put there)
 * and published to the room's other connections, or only to the {@code target} user's.
 */
final class SignalRelay {

    private static final Logger log = LoggerFactory.getLogger(SignalRelay.class);

    private final Broker broker;
    private final RoomSessionRegistry registry;
    private final JsonMapper json;

    SignalRelay(Broker broker, RoomSessionRegistry registry, JsonMapper json) {
        this.broker = broker;
        this.registry = registry;
        this.json = json;
    }

    void relay(LiveConnection from, InboundFrame.Signal signal) {
        signal.fields().put("sender_id", from.userId());
        String frame = json.writeValueAsString(signal.fields());
        broker.publish(Envelope.signal(from.roomId(), from.id(), signal.target(), frame))
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        log.warn("Relaying a signal in room {} failed: {}", from.roomId(), failure.toString());
                        registry.closeRoom(from.roomId(), RoomSessionRegistry.BROKER_FAILED);
                    }
                });
    }
}
