package dev.rooms.server.rtc;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of a browser's {@code RTCConfiguration.iceServers}, in its field names.
 *
 * @param urls       {@code stun:}, {@code turn:} or {@code turns:} URLs of one server
 * @param username   TURN user name; absent for STUN
 * @param credential TURN password; absent for STUN
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record IceServer(List<String> urls, String username, String credential) {

    IceServer {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("rooms.rtc.ice-servers[].urls must name at least one stun:/turn: URL");
        }
        urls = List.copyOf(urls);
    }
}
