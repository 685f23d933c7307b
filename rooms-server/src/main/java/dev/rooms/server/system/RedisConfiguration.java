package dev.rooms.server.system;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The one Lettuce client of the process (one set of event loops and one reconnect policy), shared by the broker,
 * presence and the rate limits' buckets, each with connections of its own; and the scheduler that retries the
 * broker's first connection and beats presence's heartbeat. Lazy: only asked for, and so only created, when
 * {@code rooms.redis.url} is set. Spring closes the users' connections before the client, and the client before
 * its resources.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrokerProperties.class)
public class RedisConfiguration {

    @Bean(destroyMethod = "shutdown")
    @Lazy
    public ClientResources redisClientResources() {
        // Back online within two seconds of Redis: the live layer refuses sockets for as long as it is away.
        return ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * While Redis is away a command fails at once instead of queueing, so a publisher, a handshake or a rate
     * limit learns of the outage immediately instead of waiting for the timeout.
     */
    @Bean(destroyMethod = "shutdown")
    @Lazy
    public RedisClient redisClient(ClientResources redisClientResources, BrokerProperties properties) {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.timeout());
        RedisClient client = RedisClient.create(redisClientResources, uri);
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(properties.timeout()).build())
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        return client;
    }

    /** Two threads: a connection attempt that waits out its timeout does not hold up the heartbeat. */
    @Bean(defaultCandidate = false)
    @Lazy
    public ThreadPoolTaskScheduler redisScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("rooms-redis-");
        scheduler.setDaemon(true);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
