package dev.rooms.server.live;

import dev.rooms.server.message.MessageResponse;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Renders a chat broadcast: the history shape, plus the sender's nonce when it sent one. */
final class ChatFrames {

    private final JsonMapper json;

    ChatFrames(JsonMapper json) {
        this.json = json;
    }

    /** The frame of a stored message; a message edited since it was posted is still broadcast in the spec's shape. */
    String render(MessageResponse message, String nonce) {
        MessageResponse spec = message.withoutEditedAt();
        if (nonce == null) {
            return json.writeValueAsString(spec);
        }
        ObjectNode node = json.valueToTree(spec);
        node.put("nonce", nonce);
        return json.writeValueAsString(node);
    }
}
