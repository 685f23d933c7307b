package dev.rooms.server.live;

import java.time.Duration;

import dev.rooms.server.system.BrokerProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * What the live part needs only when several processes share rooms through Redis ({@code rooms.redis.url}
 * set): the reorder buffer that puts their chat back into id order, and its gap timers.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisLiveConfiguration.RedisConfigured.class)
class RedisLiveConfiguration {

    /**
     * How long a chat message from another process waits for an earlier one whose publish it overtook before
     * that one is read from the database: at least the minimum, growing with how late overtaken messages
     * really arrive on a busy node ({@link GapWait}), at most the maximum, which is how long a room waits when
     * another process failed between its commit and its publish.
     */
    private static final Duration GAP_WAIT_MIN = Duration.ofMillis(500);
    private static final Duration GAP_WAIT_INITIAL = Duration.ofSeconds(2);
    private static final Duration GAP_WAIT_MAX = Duration.ofSeconds(5);

    /**
     * The gap timers ({@code rooms-ws-gap}): one thread, which mostly sleeps. They keep running until the
     * context is destroyed, after {@link LiveLifecycle} closed the sockets, so a gap is still filled while the
     * stopping process waits for its echoes; cancelled timers leave the queue at once. Not a default candidate:
     * see {@code LiveConfiguration.chatWorkers}.
     */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskScheduler gapTimers() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("rooms-ws-gap-");
        scheduler.setPoolSize(1);
        scheduler.setDaemon(true);
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setAcceptTasksAfterContextClose(true);
        return scheduler;
    }

    @Bean
    ChatReorderBuffer chatReorderBuffer(ChatHistory history, @Qualifier("gapTimers") ThreadPoolTaskScheduler gapTimers) {
        return new ChatReorderBuffer(history, new GapWait(GAP_WAIT_MIN, GAP_WAIT_INITIAL, GAP_WAIT_MAX), gapTimers);
    }

    /** {@code rooms.redis.url} is set and not blank, as {@link BrokerProperties#redisEnabled()} reads it. */
    static final class RedisConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment()).bind("rooms.redis", BrokerProperties.class)
                    .map(BrokerProperties::redisEnabled).orElse(false);
        }
    }
}
