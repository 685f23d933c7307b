package dev.rooms.server.live;

import java.time.Clock;
import java.time.Duration;

import dev.rooms.server.auth.TokenService;
import dev.rooms.server.message.ChatQueue;
import dev.rooms.server.message.ChatStore;
import dev.rooms.server.message.MessageService;
import dev.rooms.server.ratelimit.LiveLimits;
import dev.rooms.server.room.RoomService;
import dev.rooms.server.system.JsonErrorWriter;
import dev.rooms.server.user.UserService;
import dev.rooms.server.system.BrokerProperties;
import dev.rooms.server.system.BrokerState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.coyote.AbstractProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the live part: the socket endpoint {@code /ws/chat/{room_id}/}, the broker chosen by
 * {@code rooms.redis.url}, and the container limits that let many idle sockets stay open cheaply.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties({LiveProperties.class, PresenceProperties.class})
class LiveConfiguration {

    /**
     * Tomcat's per-socket buffers for an incoming message, allocated for every connection up front; messages
     * larger than these arrive in parts and are reassembled up to the frame limit, so they can stay small.
     */
    private static final int TEXT_BUFFER_CHARS = 4096;
    private static final int BINARY_BUFFER_BYTES = 1024;
    /** Tomcat's per-socket read and write buffers (8 KiB by default), held by every open socket. */
    private static final int SOCKET_BUFFER_BYTES = 1024;
    private static final Logger log = LoggerFactory.getLogger(LiveConfiguration.class);

    /** Also the {@link BrokerState} a readiness check can ask. */
    @Bean
    BrokerOutage brokerOutage(BrokerProperties properties) {
        if (properties.redisEnabled()) {
            RedisURI uri = RedisURI.create(properties.url());
            // Host and port only: the URL may carry a password.
            return new BrokerOutage("Redis at " + uri.getHost() + ":" + uri.getPort());
        }
        return new BrokerOutage("The in-process broker");
    }

    @Bean
    LiveMetrics liveMetrics(MeterRegistry meters) {
        return new LiveMetrics(meters);
    }

    /** Readiness ({@code /readyz}) goes down while the broker cannot carry events (Redis lost). */
    @Bean
    HealthIndicator brokerHealthIndicator(BrokerState broker) {
        return () -> broker.available() ? Health.up().build() : Health.outOfService().build();
    }

    @Bean(destroyMethod = "stop")
    Broker broker(BrokerProperties properties, BrokerOutage outage, LiveMetrics metrics,
                  ObjectProvider<RedisClient> redisClient, @Qualifier("redisScheduler") ObjectProvider<TaskScheduler> redisScheduler) {
        if (properties.redisEnabled()) {
            return new RedisBroker(redisClient.getObject(), redisScheduler.getObject(), properties, outage, metrics);
        }
        log.info("Using the in-process broker (set ROOMS_REDIS_URL to fan out through Redis)");
        return new LocalBroker();
    }

    @Bean(destroyMethod = "stop")
    PresenceStore presenceStore(BrokerProperties properties, PresenceProperties presence,
                                ObjectProvider<RedisClient> redisClient,
                                @Qualifier("redisScheduler") ObjectProvider<TaskScheduler> redisScheduler) {
        return properties.redisEnabled()
                ? new RedisPresenceStore(redisClient.getObject(), redisScheduler.getObject(), properties, presence)
                : new PresenceStore.InProcess();
    }

    @Bean
    RoomPresence roomPresence(PresenceStore store, Broker broker, UserService users, JsonMapper json, Clock clock) {
        RoomPresence presence = new RoomPresence(store, broker, users, json, clock);
        store.start(presence::refreshAll);
        return presence;
    }

    @Bean
    ChatQueue chatQueue(RoomSequencer sequencer, LiveProperties properties) {
        return new SequencedChatQueue(sequencer, properties.maxContentLength());
    }

    @Bean
    ChatFrames chatFrames(JsonMapper json) {
        return new ChatFrames(json);
    }

    @Bean
    ChatHistory chatHistory(MessageService messages, ChatFrames frames) {
        return new MessageHistory(messages, frames);
    }

    /** @param reorder only with Redis ({@link RedisLiveConfiguration}): chat from several processes is reordered */
    @Bean
    RoomSessionRegistry roomSessionRegistry(Broker broker, ObjectProvider<ChatReorderBuffer> reorder, LiveMetrics metrics,
                                            TokenService tokens, RoomService rooms) {
        RoomSessionRegistry registry = new RoomSessionRegistry(broker, reorder.getIfAvailable(), metrics);
        metrics.watch(registry);
        broker.start(new DeletionRelay(registry, tokens, rooms));
        return registry;
    }

    /**
     * The chat threads ({@code rooms-chat-N}) that store and publish rooms' queued chat. More workers than cores:
     * a worker mostly waits for the commit it shares with the others ({@link ChatStore}'s group commit), and the
     * more rooms are in flight at once, the fewer commits carry them. Stopped with the context after
     * {@link LiveLifecycle} has drained the room queues; not a default candidate, so Spring Boot's own
     * {@code applicationTaskExecutor} (asynchronous requests such as the streamed history) stays in place.
     */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor chatWorkers() {
        int threads = 4 * Math.max(2, Runtime.getRuntime().availableProcessors());
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("rooms-chat-");
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setDaemon(true);
        // Work taken before the stop is finished (LiveLifecycle waits for it), not dropped at the context's close.
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(5);
        return executor;
    }

    @Bean
    RoomSequencer roomSequencer(@Qualifier("chatWorkers") ThreadPoolTaskExecutor workers, ChatStore store,
                                ChatFrames frames, Broker broker, RoomSessionRegistry registry, BrokerOutage outage,
                                LiveMetrics metrics) {
        return new RoomSequencer(workers, store, frames, broker, registry, outage, Duration.ofSeconds(10), metrics);
    }

    @Bean
    ChatWebSocketHandler chatWebSocketHandler(RoomSessionRegistry registry, RoomSequencer sequencer,
                                              RoomPresence presence, LiveLimits limits, JsonMapper json,
                                              LiveProperties properties, LiveMetrics metrics) {
        return new ChatWebSocketHandler(registry, new FrameDecoder(json, properties.maxContentLength()), sequencer,
                new SignalRelay(sequencer, json), presence, limits, properties, json, metrics);
    }

    @Bean
    LiveEvents liveEvents(Broker broker, JsonMapper json) {
        return new LiveEvents(broker, json);
    }

    @Bean
    LiveLifecycle liveLifecycle(RoomSessionRegistry registry, RoomSequencer chat, ChatWebSocketHandler handler,
                                Clock clock, LiveProperties properties) {
        return new LiveLifecycle(registry, new ConnectionWatchdog(registry, clock, properties), chat, handler);
    }

    @Bean
    WebSocketConfigurer chatEndpoint(ChatWebSocketHandler handler, TokenService tokens, RoomService rooms,
                                     RoomSessionRegistry sessions, RoomPresence presence, LiveLimits limits,
                                     JsonErrorWriter errors, LiveProperties properties, BrokerOutage outage) {
        return new WebSocketConfigurer() {
            @Override
            public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
                // Origins are checked by OriginCheck, which answers a refusal in JSON; Spring's own check is opened up.
                registry.addHandler(handler, "/ws/chat/*/", "/ws/chat/*")
                        .addInterceptors(new HandshakeRateLimit(limits, errors),
                                new OriginCheck(properties.allowedOrigins(), errors),
                                new HandshakeAuthentication(tokens, rooms, errors),
                                new RoomSubscription(sessions, presence, properties, handler.closer(), outage))
                        .setAllowedOriginPatterns("*");
            }
        };
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        return container;
    }

    /**
     * Raises Tomcat's connection cap (8,192) unless {@code server.tomcat.max-connections} is set explicitly, and
     * shrinks the per-socket application buffers, which every idle socket holds: HTTP parsing has its own
     * header buffer and large writes bypass the buffer, so 1 KiB costs neither REST nor broadcast throughput
     * (measured with {@code scripts/bench}: RSS at 10,000 idle sockets about 0.3 GiB lower).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> liveConnectionLimits(LiveProperties properties,
                                                                                   Environment environment) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", String.valueOf(SOCKET_BUFFER_BYTES));
            if (!environment.containsProperty("server.tomcat.max-connections")
                    && connector.getProtocolHandler() instanceof AbstractProtocol<?> protocol) {
                protocol.setMaxConnections(properties.maxConnections());
            }
        });
    }
}
