package dev.rooms.sdk.model;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A WebRTC session description (the browser's {@code RTCSessionDescriptionInit}) carried by offers and answers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param type   {@code "offer"} or {@code "answer"}
 * @param sdp    the SDP text
 * @param extras any other fields of the JSON object, kept as parsed (nested objects as maps, arrays as lists)
 */
public record SessionDescription(String type, String sdp, Map<String, Object> extras) {

    /**
     * Checks the fields and makes {@code extras} an unmodifiable copy without {@code type} and {@code sdp}.
     *
     * @param type {@code "offer"} or {@code "answer"}
     * @param sdp the SDP text
     * @param extras any other fields of the JSON object, kept as parsed (nested objects as maps, arrays as lists)
     */
    public SessionDescription {
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(sdp, "sdp == null");
        extras = Extras.copy(extras, Set.of("type", "sdp"));
    }

    /**
     * Creates a description without extra fields.
     *
     * @param type {@code "offer"} or {@code "answer"}
     * @param sdp  the SDP text
     */
    public SessionDescription(String type, String sdp) {
        this(type, sdp, Map.of());
    }
}
