package dev.rooms.server.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Presence across processes ({@code rooms.presence.*}), used only with Redis.
 *
 * @param ttl how long a process's presence entries outlive its last heartbeat (it refreshes them three times
 *            per period), so the users of a process that died drop out of presence within this time
 */
@ConfigurationProperties("rooms.presence")
record PresenceProperties(@DefaultValue("15s") Duration ttl) {
}
