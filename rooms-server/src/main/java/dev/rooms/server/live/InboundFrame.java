package dev.rooms.server.live;

import tools.jackson.databind.node.ObjectNode;

/** What a client's text frame turned out to be. */
sealed interface InboundFrame {

    /** A chat message to persist and broadcast; {@code nonce} is {@code null} when absent or unusable. */
    record Chat(String content, String nonce) implements InboundFrame {
    }

    /** A WebRTC signal to relay, fields as sent; {@code target} is {@code null} for every other connection. */
    record Signal(ObjectNode fields, Long target) implements InboundFrame {
    }

    /** {@code {"type": "typing"}}: the sender is typing (relayed to sockets that opted into typing). */
    record Typing() implements InboundFrame {
    }

    /**
     * A chat message that is refused; its sender is told why if {@code nonce} is not {@code null} (a usable
     * nonce came with it), otherwise it is dropped like any unusable frame.
     */
    record Refused(ChatRefusal refusal, String nonce) implements InboundFrame {
    }

    /**
     * A frame dropped without an answer (not JSON, not an object, an unknown WebRTC type, a signal whose target
     * is not a user id), and why (for the log).
     */
    record Dropped(String reason) implements InboundFrame {
    }
}
