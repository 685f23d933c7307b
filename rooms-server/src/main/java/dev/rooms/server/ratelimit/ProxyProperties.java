package dev.rooms.server.ratelimit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code rooms.trusted-proxies} ({@code ROOMS_TRUSTED_PROXIES}): addresses or CIDR blocks of the reverse proxies
 * whose {@code X-Forwarded-For} is believed. Empty (the default): the header is ignored, the client is the peer.
 */
@ConfigurationProperties("rooms")
record ProxyProperties(@DefaultValue List<String> trustedProxies) {
}
