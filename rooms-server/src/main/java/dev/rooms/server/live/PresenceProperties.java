package dev.rooms.server.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presence across processes ({@code rooms.presence.*}), used only with Redis.
 *
 * @param ttl how long a process counts as alive after its last heartbeat (it beats three times per period), so
 *            the users of a process that died leave presence within about 1⅓ times this
 */
@ConfigurationProperties("rooms.presence")
record PresenceProperties(@DefaultValue("15s") Duration ttl) {
}
