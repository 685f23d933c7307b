package dev.rooms.sdk.model;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A WebRTC ICE candidate (the browser's {@code RTCIceCandidateInit}) carried by
 * {@link Signal.IceCandidate} signals.
 *
 * <p>Immutable and thread-safe.
 *
 * @param candidate     the candidate line, e.g. {@code candidate:1 1 UDP 2130706431 192.168.1.1 54321 typ host}
 * @param sdpMid        the media stream id, or {@code null}
 * @param sdpMLineIndex the media line index, or {@code null}
 * @param extras        any other fields of the JSON object (e.g. {@code usernameFragment}), kept as parsed
 */
public record Candidate(String candidate, String sdpMid, Integer sdpMLineIndex, Map<String, Object> extras) {

    /**
     * Checks the candidate line and makes {@code extras} an unmodifiable copy without the three modelled
     * fields.
     *
     * @param candidate the candidate line, e.g. {@code candidate:1 1 UDP 2130706431 192.168.1.1 54321 typ host}
     * @param sdpMid the media stream id, or {@code null}
     * @param sdpMLineIndex the media line index, or {@code null}
     * @param extras any other fields of the JSON object (e.g. {@code usernameFragment}), kept as parsed
     */
    public Candidate {
        Objects.requireNonNull(candidate, "candidate == null");
        extras = Extras.copy(extras, Set.of("candidate", "sdpMid", "sdpMLineIndex"));
    }

    /**
     * Creates a candidate without extra fields.
     *
     * @param candidate     the candidate line
     * @param sdpMid        the media stream id, or {@code null}
     * @param sdpMLineIndex the media line index, or {@code null}
     */
    public Candidate(String candidate, String sdpMid, Integer sdpMLineIndex) {
        this(candidate, sdpMid, sdpMLineIndex, Map.of());
    }
}
