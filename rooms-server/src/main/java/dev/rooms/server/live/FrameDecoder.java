package dev.rooms.server.live;

import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes and validates client text frames, following the original server: a known {@code webrtc-*}
 * {@code type} makes a signal; otherwise an object whose {@code content} is a non-blank string is chat,
 * whatever other {@code type} it has; everything else is dropped.
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
        JsonNode content = node.get("content");
        if (content == null) {
            return new InboundFrame.Dropped("no content");
        }
        if (!content.isString()) {
            return new InboundFrame.Dropped("content is not a string");
        }
        String text = content.stringValue();
        if (text.isBlank()) {
            return new InboundFrame.Dropped("content is blank");
        }
        if (text.codePointCount(0, text.length()) > maxContentLength) {
            return new InboundFrame.Dropped("content is longer than " + maxContentLength + " characters");
        }
        JsonNode nonce = node.get("nonce");
        boolean usableNonce = nonce != null && nonce.isString() && nonce.stringValue().length() <= MAX_NONCE_LENGTH;
        return new InboundFrame.Chat(text, usableNonce ? nonce.stringValue() : null);
    }
}
