package dev.rooms.server.rtc;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code GET /api/rtc/config/}: ready to pass to {@code new RTCPeerConnection(...)} as it is. */
record RtcConfigResponse(@JsonProperty("iceServers") List<IceServer> iceServers) {
}
