package dev.rooms.server.live;

import tools.jackson.databind.json.JsonMapper;

/**
 * Relays WebRTC signals: not persisted, stamped with the sender's user id (whatever the client put there)
 * and queued for the room's other connections, or only for the {@code target} user's.
 */
final class SignalRelay {

    private final RoomSequencer sequencer;
    private final JsonMapper json;

    SignalRelay(RoomSequencer sequencer, JsonMapper json) {
        this.sequencer = sequencer;
        this.json = json;
    }

    /** @return false when the room's queue stayed full for too long (the signal was not accepted) */
    boolean relay(LiveConnection from, InboundFrame.Signal signal) {
        signal.fields().put("sender_id", from.userId());
        String frame = json.writeValueAsString(signal.fields());
        return sequencer.submitSignal(Envelope.signal(from.roomId(), from.id(), signal.target(), frame));
    }
}
