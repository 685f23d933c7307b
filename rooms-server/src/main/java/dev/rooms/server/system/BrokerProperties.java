package dev.rooms.server.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Chooses the fan-out broker ({@code rooms.redis.*}, e.g. the environment variable {@code ROOMS_REDIS_URL}).
 *
 * @param url           {@code redis://host:port[/db]}; unset or blank means the in-process broker
 * @param channelPrefix prefix of every pub/sub channel, so several deployments can share one Redis
 * <p>The rate limits share this Redis and prefix ({@code <prefix>:ratelimit:*}).
 *
 * @param timeout       how long a subscribe or publish may wait for Redis before it counts as failed
 */
@ConfigurationProperties("rooms.redis")
public record BrokerProperties(
        String url,
        @DefaultValue("rooms") String channelPrefix,
        @DefaultValue("3s") Duration timeout) {

    public boolean redisEnabled() {
        return url != null && !url.isBlank();
    }
}
