package dev.rooms.sdk.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.UserSummary;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Encodes and decodes the WebSocket frames of {@code /ws/chat/{room_id}/}. */
final class Frames {

    private static final Set<String> SIGNAL_KEYS = Set.of("type", "sender_id", "target", "offer", "answer",
            "candidate");

    private Frames() {
    }

    /**
     * The server's answer to a chat message it refused, {@code {"type": "error", "nonce", "code", "detail"}}.
     *
     * @param nonce  the refused message's nonce, or {@code null} if the frame had none
     * @param code   the machine-readable reason, such as {@code content_too_long}, or {@code null}
     * @param detail     the reason for people, or {@code null}
     * @param retryAfter for {@code throttled}: the server's {@code retry_after}, whole seconds to wait; else
     *                   {@code null}
     */
    record Refusal(String nonce, String code, String detail, Long retryAfter) {
    }

    /**
     * {@code {"type": "typing", "user": {...}}}: another user is typing.
     *
     * @param user who
     */
    record Typing(UserSummary user) {
    }

    /**
     * {@code {"type": "message-deleted", "id": N}}: a message was deleted.
     *
     * @param messageId its id
     */
    record Deleted(long messageId) {
    }

    /**
     * Decodes a server frame.
     *
     * @param text the frame's text
     * @return a {@link Message}, a {@link Signal}, a {@link Refusal}, or one of the opt-in events — a
     *     {@link PresenceEvent}, a {@link Typing}, an {@link EditedMessage}, a {@link Deleted}; {@code null} for
     *     anything else (not JSON, unknown type)
     */
    static Object decode(String text) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            String type = node.path("type").asText("");
            if (type.startsWith("webrtc-")) {
                return signal(type, node);
            }
            switch (type) {
                case "error" -> {
                    return new Refusal(textOrNull(node.get("nonce")), textOrNull(node.get("code")),
                            textOrNull(node.get("detail")), longOrNull(node.get("retry_after")));
                }
                case "presence" -> {
                    PresenceEvent.Kind kind = switch (node.path("event").asText("")) {
                        case "join" -> PresenceEvent.Kind.JOIN;
                        case "leave" -> PresenceEvent.Kind.LEAVE;
                        default -> null;
                    };
                    return kind == null ? null : new PresenceEvent(kind, user(node),
                            Json.mapper().treeToValue(node.get("at"), Instant.class));
                }
                case "typing" -> {
                    return new Typing(user(node));
                }
                case "message-updated" -> {
                    return Json.mapper().treeToValue(node, EditedMessage.class);
                }
                case "message-deleted" -> {
                    return node.path("id").canConvertToLong() ? new Deleted(node.get("id").asLong()) : null;
                }
                default -> {
                    // Chat has no type (the server never sends it one): read below if the frame is a message.
                }
            }
            if (node.hasNonNull("id") && node.hasNonNull("content")) {
                return Json.mapper().treeToValue(node, Message.class);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static UserSummary user(JsonNode node) throws JsonProcessingException {
        JsonNode user = node.get("user");
        if (user == null || !user.isObject()) {
            throw new IllegalArgumentException("event without its user");
        }
        return Json.mapper().treeToValue(user, UserSummary.class);
    }

    private static Signal signal(String type, JsonNode node) {
        Long sender = longOrNull(node.get("sender_id"));
        Long target = longOrNull(node.get("target"));
        Map<String, Object> extras = extras(node, SIGNAL_KEYS);
        return switch (type) {
            case "webrtc-offer" -> new Signal.Offer(description(node.get("offer")), sender, target, extras);
            case "webrtc-answer" -> new Signal.Answer(description(node.get("answer")), sender, target, extras);
            case "webrtc-ice-candidate" ->
                    new Signal.IceCandidate(candidate(node.get("candidate")), sender, target, extras);
            case "webrtc-hangup" -> new Signal.Hangup(sender, target, extras);
            default -> null;
        };
    }

    private static SessionDescription description(JsonNode node) {
        requireObject(node);
        return new SessionDescription(node.path("type").asText(), node.path("sdp").asText(),
                extras(node, Set.of("type", "sdp")));
    }

    private static Candidate candidate(JsonNode node) {
        requireObject(node);
        JsonNode index = node.get("sdpMLineIndex");
        JsonNode mid = node.get("sdpMid");
        return new Candidate(node.path("candidate").asText(), mid == null || mid.isNull() ? null : mid.asText(),
                index == null || !index.isNumber() ? null : index.asInt(),
                extras(node, Set.of("candidate", "sdpMid", "sdpMLineIndex")));
    }

    private static void requireObject(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new IllegalArgumentException("signal without its payload object");
        }
    }

    private static Map<String, Object> extras(JsonNode node, Set<String> known) {
        Map<String, Object> extras = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            if (!known.contains(field.getKey())) {
                extras.put(field.getKey(), Json.mapper().convertValue(field.getValue(), Object.class));
            }
        });
        return extras;
    }

    private static String textOrNull(JsonNode node) {
        return node == null || !node.isTextual() ? null : node.asText();
    }

    private static Long longOrNull(JsonNode node) {
        return node == null || !node.canConvertToLong() ? null : node.asLong();
    }

    /**
     * Encodes a chat frame.
     *
     * @param content the text
     * @param nonce   the correlation nonce the server echoes in the broadcast
     * @return the frame
     */
    static String chat(String content, String nonce) {
        return write(Json.mapper().createObjectNode().put("content", content).put("nonce", nonce));
    }

    /**
     * Encodes the typing frame, {@code {"type": "typing"}} (no content, so a server without the extension drops it).
     *
     * @return the frame
     */
    static String typing() {
        return write(Json.mapper().createObjectNode().put("type", "typing"));
    }

    /**
     * Encodes an offer frame.
     *
     * @param offer  the session description, its extras included
     * @param target the addressed user, or {@code null} for the whole room
     * @return the frame
     */
    static String offer(SessionDescription offer, Long target) {
        return signalFrame("webrtc-offer", "offer", description(offer), target, Map.of());
    }

    /**
     * Encodes an answer frame.
     *
     * @param answer the session description, its extras included
     * @param target the addressed user, or {@code null} for the whole room
     * @return the frame
     */
    static String answer(SessionDescription answer, Long target) {
        return signalFrame("webrtc-answer", "answer", description(answer), target, Map.of());
    }

    /**
     * Encodes an ICE candidate frame.
     *
     * @param candidate the candidate, its extras included
     * @param target    the addressed user, or {@code null} for the whole room
     * @return the frame
     */
    static String iceCandidate(Candidate candidate, Long target) {
        return signalFrame("webrtc-ice-candidate", "candidate", candidate(candidate), target, Map.of());
    }

    /**
     * Encodes a hangup frame.
     *
     * @param target the addressed user, or {@code null} for the whole room
     * @return the frame
     */
    static String hangup(Long target) {
        return signalFrame("webrtc-hangup", null, null, target, Map.of());
    }

    /**
     * Encodes any signal with everything it carries — payload, target and the top-level fields this SDK does not
     * model — so a received signal can be passed on unchanged. The sender id is left out: the server sets it.
     *
     * @param signal the signal
     * @return the frame
     */
    static String signal(Signal signal) {
        if (signal instanceof Signal.Offer offer) {
            return signalFrame(offer.wireType(), "offer", description(offer.offer()), offer.target(), offer.extras());
        }
        if (signal instanceof Signal.Answer answer) {
            return signalFrame(answer.wireType(), "answer", description(answer.answer()), answer.target(),
                    answer.extras());
        }
        if (signal instanceof Signal.IceCandidate ice) {
            return signalFrame(ice.wireType(), "candidate", candidate(ice.candidate()), ice.target(), ice.extras());
        }
        return signalFrame(signal.wireType(), null, null, signal.target(), signal.extras());
    }

    private static Map<String, Object> candidate(Candidate candidate) {
        Map<String, Object> payload = new LinkedHashMap<>(candidate.extras());
        payload.put("candidate", candidate.candidate());
        payload.put("sdpMid", candidate.sdpMid());
        payload.put("sdpMLineIndex", candidate.sdpMLineIndex());
        return payload;
    }

    private static Map<String, Object> description(SessionDescription description) {
        Map<String, Object> payload = new LinkedHashMap<>(description.extras());
        payload.put("type", description.type());
        payload.put("sdp", description.sdp());
        return payload;
    }

    private static String signalFrame(String type, String key, Map<String, Object> payload, Long target,
                                      Map<String, Object> extras) {
        ObjectNode frame = Json.mapper().valueToTree(extras);
        // The modelled fields win over same-named extras (possible only in hand-built signals).
        frame.remove(SIGNAL_KEYS);
        frame.put("type", type);
        if (key != null) {
            frame.set(key, Json.mapper().valueToTree(payload));
        }
        if (target != null) {
            frame.put("target", target);
        }
        return write(frame);
    }

    private static String write(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a frame", e);
        }
    }
}
