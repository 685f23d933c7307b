package dev.rooms.server.rtc;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WebRTC settings under {@code rooms.rtc.*}: the STUN/TURN servers browsers use to reach each other, for example
 * {@code rooms.rtc.ice-servers[0].urls=stun:stun.example.org:3478} or, from the environment,
 * {@code ROOMS_RTC_ICESERVERS_0_URLS}. Empty by default, so a call contacts no server outside the network unless
 * the operator names one.
 *
 * @param iceServers the servers, in the order browsers should try them
 */
@ConfigurationProperties("rooms.rtc")
record RtcProperties(List<IceServer> iceServers) {

    RtcProperties {
        iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
    }
}
