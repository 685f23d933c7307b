package dev.rooms.server.live;

import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes and validates client text frames, following the original server: a known {@code webrtc-*}
 * {@code type} makes a signal; {@code "type": "typing"} without {@code content} (which the original dropped) is
 * the typing extension; any other object is chat, whatever other {@code type} it has, and is refused
 * unless its {@code content} is a non-blank string within the length limit; everything else is dropped.
 */
final class FrameDecoder {

    static final Set<String> SIGNAL_TYPES =
            Set.of("webrtc-offer", "webrtc-answer", "webrtc-ice-candidate", "webrtc-hangup");
    static final int MAX_NONCE_LENGTH = 64;

    private final JsonMapper json;
    private final int maxContentLength;

    FrameDecoder(JsonMapper json, int maxContentLength) {
        this.json = json;
        this.maxContentLength = maxContentLength;
    }

    InboundFrame decode(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            return new InboundFrame.Dropped("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new InboundFrame.Dropped("not a JSON object");
        }
        JsonNode type = node.get("type");
        if (type != null && type.isString()) {
            if (SIGNAL_TYPES.contains(type.stringValue())) {
                return signal((ObjectNode) node);
            }
            if (type.stringValue().startsWith("webrtc-")) {
                return new InboundFrame.Dropped("unknown WebRTC type " + type.stringValue());
            }
            if (type.stringValue().equals("typing") && !node.has("content")) {
                // With content it is chat, as the original took it; without, the original dropped it.
                return new InboundFrame.Typing();
            }
        }
        return chat(node);
    }

    private static InboundFrame signal(ObjectNode node) {
        JsonNode target = node.get("target");
        if (target == null || target.isNull()) {
            return new InboundFrame.Signal(node, null);
        }
        if (!target.isIntegralNumber() || !target.canConvertToLong()) {
            return new InboundFrame.Dropped("target is not a user id");
        }
        return new InboundFrame.Signal(node, target.longValue());
    }

    private InboundFrame chat(JsonNode node) {
        String nonce = usableNonce(node.get("nonce"));
        JsonNode content = node.get("content");
        if (content == null) {
            return new InboundFrame.Refused(ChatRefusal.contentMissing(), nonce);
        }
        if (content.isNull()) {
            return new InboundFrame.Refused(ChatRefusal.contentNull(), nonce);
        }
        if (!content.isString()) {
            return new InboundFrame.Refused(ChatRefusal.contentNotString(), nonce);
        }
        String text = content.stringValue();
        if (text.isBlank()) {
            return new InboundFrame.Refused(ChatRefusal.contentBlank(), nonce);
        }
        if (text.codePointCount(0, text.length()) > maxContentLength) {
            return new InboundFrame.Refused(ChatRefusal.contentTooLong(maxContentLength), nonce);
        }
        return new InboundFrame.Chat(text, nonce);
    }

    /** The nonce if it is a string of at most {@value #MAX_NONCE_LENGTH} characters, else {@code null}. */
    private static String usableNonce(JsonNode nonce) {
        boolean usable = nonce != null && nonce.isString() && nonce.stringValue().length() <= MAX_NONCE_LENGTH;
        return usable ? nonce.stringValue() : null;
    }
}
