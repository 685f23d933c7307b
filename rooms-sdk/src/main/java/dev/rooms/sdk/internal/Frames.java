package dev.rooms.sdk.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rooms.sdk.model.Candidate;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.PresenceEvent;
import dev.rooms.sdk.model.SessionDescription;
import dev.rooms.sdk.model.Signal;
import dev.rooms.sdk.model.UserSummary;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes and decodes the WebSocket frames of {@code /ws/chat/{room_id}/}. Jackson does the mapping (the shapes are
 * in {@link FrameMixIns} and the records below); this class only picks the type a frame's {@code type} names.
 */
final class Frames {

    /** The frames the SDK reads by their {@code type}; a signal's kind is resolved by Jackson, see FrameMixIns. */
    private static final Map<String, Class<?>> TYPED = Map.of(
            "error", Refusal.class,
            "presence", PresenceEvent.class,
            "typing", Typing.class,
            "message-updated", EditedMessage.class,
            "message-deleted", Deleted.class);
    private static final String SIGNAL_PREFIX = "webrtc-";
    private static final String TYPING = "{\"type\":\"typing\"}";

    private Frames() {
    }

    /**
     * The server's answer to a chat message it refused, {@code {"type": "error", "nonce", "code", "detail"}}.
     *
     * @param nonce      the refused message's nonce, or {@code null} if the frame had none
     * @param code       the machine-readable reason, such as {@code content_too_long}, or {@code null}
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
        Typing {
            Objects.requireNonNull(user, "typing event without its user");
        }
    }

    /**
     * {@code {"type": "message-deleted", "id": N}}: a message was deleted.
     *
     * @param messageId its id
     */
    record Deleted(@JsonProperty(value = "id", required = true) long messageId) {
    }

    /** A chat frame the client sends: the content and the nonce the server echoes in its broadcast. */
    private record Chat(String content, String nonce) {
    }

    /**
     * Decodes a server frame.
     *
     * @param text the frame's text
     * @return a {@link Message}, a {@link Signal}, a {@link Refusal}, or one of the opt-in events — a
     *     {@link PresenceEvent}, a {@link Typing}, an {@link EditedMessage}, a {@link Deleted}; {@code null} for
     *     anything else (not JSON, an unknown signal or presence event, a frame without what its type needs)
     */
    static Object decode(String text) {
        try {
            JsonNode frame = Json.mapper().readTree(text);
            if (frame == null || !frame.isObject()) {
                return null;
            }
            String type = frame.path("type").asText("");
            // Chat has no type (the server never sends it one): any other frame is read as a message, if it is one.
            Class<?> target = type.startsWith(SIGNAL_PREFIX) ? Signal.class : TYPED.getOrDefault(type, Message.class);
            return Json.mapper().treeToValue(frame, target);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Encodes a chat frame.
     *
     * @param content the text
     * @param nonce   the correlation nonce the server echoes in the broadcast
     * @return the frame
     */
    static String chat(String content, String nonce) {
        return write(new Chat(content, nonce));
    }

    /**
     * Encodes the typing frame, {@code {"type": "typing"}} (no content, so a server without the extension drops it).
     *
     * @return the frame
     */
    static String typing() {
        return TYPING;
    }

    /**
     * Encodes an offer frame.
     *
     * @param offer  the session description, its extras included
     * @param target the addressed user, or {@code null} for the whole room
     * @return the frame
     */
    static String offer(SessionDescription offer, Long target) {
        return signal(new Signal.Offer(offer, null, target, Map.of()));
    }

    /**
     * Encodes an answer frame.
     *
     * @param answer the session description, its extras included
     * @param target the addressed user, or {@code null} for the whole room
     * @return the frame
     */
    static String answer(SessionDescription answer, Long target) {
        return signal(new Signal.Answer(answer, null, target, Map.of()));
    }

    /**
     * Encodes an ICE candidate frame.
     *
     * @param candidate the candidate, its extras included
     * @param target    the addressed user, or {@code null} for the whole room
     * @return the frame
     */
    static String iceCandidate(Candidate candidate, Long target) {
        return signal(new Signal.IceCandidate(candidate, null, target, Map.of()));
    }

    /**
     * Encodes a hangup frame.
     *
     * @param target the addressed user, or {@code null} for the whole room
     * @return the frame
     */
    static String hangup(Long target) {
        return signal(new Signal.Hangup(null, target, Map.of()));
    }

    /**
     * Encodes any signal with everything it carries — payload, target and the top-level fields this SDK does not
     * model — so a received signal can be passed on unchanged. The sender id is left out: the server sets it.
     *
     * @param signal the signal
     * @return the frame
     */
    static String signal(Signal signal) {
        return write(signal, Signal.class);
    }

    private static String write(Object frame) {
        return write(frame, frame.getClass());
    }

    private static String write(Object frame, Class<?> type) {
        try {
            return Json.mapper().writerFor(type).writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a frame", e);
        }
    }
}
