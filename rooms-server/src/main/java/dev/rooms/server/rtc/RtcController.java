package dev.rooms.server.rtc;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ICE servers for calls. Behind the access token like the rest of {@code /api/}: TURN credentials let
 * anyone relay traffic through the operator's server, so they are handed only to signed-in people.
 */
@RestController
class RtcController {

    private final RtcConfigResponse config;

    RtcController(RtcProperties properties) {
        this.config = new RtcConfigResponse(properties.iceServers());
    }

    @GetMapping("/api/rtc/config/")
    RtcConfigResponse rtcConfig() {
        return config;
    }
}
