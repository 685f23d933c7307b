package dev.rooms.server.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rooms.server.auth.SecurityHeaders;
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
import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the live part: the socket endpoint {@code /ws/chat/{room_id}/} on Jetty, the broker chosen by
 * {@code rooms.redis.url}, and Jetty's WebSocket limits.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({LiveProperties.class, PresenceProperties.class})
class LiveConfiguration {

    /**
     * Phase of the close and watchdog threads: below {@link LiveLifecycle}'s, so they stop after it (its stop
     * still closes sockets through them) and start before it.
     */
    private static final int LIVE_THREADS_PHASE = Integer.MAX_VALUE - 1;
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

    /**
     * WebSocket upgrades are not observed as HTTP requests ({@code http.server.requests}): Jetty keeps an upgrade's
     * request reachable for the socket's whole life, and its observation with it, about 1.3 KiB of every idle
     * socket (README-bench). Sockets have their own metrics ({@link LiveMetrics}); a refused handshake, which
     * never becomes one, still has its line in the access log.
     */
    @Bean
    ObservationPredicate webSocketUpgradesUnobserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getRequestURI().startsWith("/ws/"));
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
        RoomSequencer sequencer = new RoomSequencer(workers, store, frames, broker, registry, outage,
                Duration.ofSeconds(10), metrics);
        metrics.watch(sequencer);
        return sequencer;
    }

    /**
     * Sends close frames, off the thread that decided to close (see {@link ChatWebSocketHandler}). A close only
     * hands a frame to Jetty, so two threads are plenty; tasks queued at shutdown still run.
     */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor liveCloseExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("rooms-ws-close-");
        executor.setCorePoolSize(2);
        executor.setDaemon(true);
        executor.setPhase(LIVE_THREADS_PHASE);
        executor.setAcceptTasksAfterContextClose(true);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(5);
        return executor;
    }

    /** Runs the {@link ConnectionWatchdog}'s scans. */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskScheduler liveWatchdogScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("rooms-ws-watchdog-");
        scheduler.setPoolSize(1);
        scheduler.setDaemon(true);
        scheduler.setPhase(LIVE_THREADS_PHASE);
        scheduler.setAcceptTasksAfterContextClose(true);
        return scheduler;
    }

    @Bean
    ChatWebSocketHandler chatWebSocketHandler(RoomSessionRegistry registry, RoomSequencer sequencer,
                                              RoomPresence presence, LiveLimits limits, JsonMapper json,
                                              LiveProperties properties, LiveMetrics metrics,
                                              @Qualifier("liveCloseExecutor") ThreadPoolTaskExecutor liveCloseExecutor) {
        return new ChatWebSocketHandler(registry, new FrameDecoder(json, properties.maxContentLength()), sequencer,
                new SignalRelay(sequencer, json), presence, limits, properties, json, metrics, liveCloseExecutor);
    }

    @Bean
    LiveEvents liveEvents(Broker broker, JsonMapper json) {
        return new LiveEvents(broker, json);
    }

    @Bean
    LiveLifecycle liveLifecycle(RoomSessionRegistry registry, RoomSequencer chat, Clock clock, LiveProperties properties,
                                @Qualifier("liveWatchdogScheduler") ThreadPoolTaskScheduler liveWatchdogScheduler) {
        return new LiveLifecycle(registry, new ConnectionWatchdog(registry, clock, properties, liveWatchdogScheduler),
                chat);
    }

    /**
     * The handshake of {@code /ws/chat/{room_id}/}: the interceptors run in order (a refusal answers in the API's
     * JSON error shape and stops there), then Jetty's upgrade. Origins are checked by {@link OriginCheck}, so
     * Spring's own origin check is not added.
     */
    @Bean
    WebSocketHttpRequestHandler chatUpgrades(ChatWebSocketHandler handler, TokenService tokens, RoomService rooms,
                                             RoomSessionRegistry sessions, RoomPresence presence, LiveLimits limits,
                                             JsonErrorWriter errors, LiveProperties properties, BrokerOutage outage,
                                             @Qualifier("liveCloseExecutor") ThreadPoolTaskExecutor liveCloseExecutor) {
        JettyRequestUpgradeStrategy jetty = new UncompressedUpgradeStrategy();
        jetty.addWebSocketConfigurer(socket -> {
            // Whole messages up to the frame limit; Jetty closes with 1009 above it, and collects a message into
            // a buffer only while it arrives (an idle socket holds none).
            socket.setMaxTextMessageSize(properties.maxFrameSize().toBytes());
            socket.setMaxBinaryMessageSize(properties.maxFrameSize().toBytes());
            socket.setMaxFrameSize(properties.maxFrameSize().toBytes());
            // The ConnectionWatchdog pings quiet sockets and closes silent ones, and each frame has its own send
            // timeout; Jetty's idle timeout (30 s by default) would close healthy quiet sockets before the first
            // ping. It stays, longer than both, for a socket whose close handshake never completes.
            socket.setIdleTimeout(properties.idleTimeout().plus(properties.sendTimeout()));
        });
        WebSocketHttpRequestHandler upgrades =
                new WebSocketHttpRequestHandler(handler, new DefaultHandshakeHandler(jetty));
        upgrades.setHandshakeInterceptors(List.of(new HandshakeRateLimit(limits, errors),
                new OriginCheck(properties.allowedOrigins(), errors),
                new HandshakeAuthentication(tokens, rooms, errors),
                new RoomSubscription(sessions, presence, properties, liveCloseExecutor, outage)));
        return upgrades;
    }

    /**
     * Upgrades of a room's path are served by {@link ChatUpgradeFilter}, after the filters that come first for every
     * request (the access log, the body limit, the encoding, the observation and the outage answer:
     * {@code DatabaseOutageFilter} is {@code HIGHEST_PRECEDENCE + 10}) and before Spring Security's chain and MVC.
     */
    @Bean
    FilterRegistrationBean<ChatUpgradeFilter> chatUpgradeFilter(ObjectProvider<WebSocketHttpRequestHandler> upgrades,
                                                                ObjectProvider<SecurityHeaders> headers) {
        FilterRegistrationBean<ChatUpgradeFilter> registration = new FilterRegistrationBean<>(
                new ChatUpgradeFilter(SingletonSupplier.of(upgrades::getObject),
                        SingletonSupplier.of(headers::getObject)));
        registration.addUrlPatterns("/ws/chat/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    /**
     * Every other request under {@code /ws/chat/} (another method, a path that is not a room's) reaches the same
     * handler through Spring MVC, after the whole filter chain, and is answered as it always was.
     */
    @Bean
    SimpleUrlHandlerMapping chatUpgradeMapping(WebSocketHttpRequestHandler chatUpgrades) {
        return new SimpleUrlHandlerMapping(Map.of("/ws/chat/*/", chatUpgrades, "/ws/chat/*", chatUpgrades), 1);
    }

    /**
     * Caps open connections (Jetty has no cap of its own) unless {@code server.jetty.max-connections} is set;
     * past it Jetty stops accepting until one closes.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> liveConnectionLimit(LiveProperties properties,
                                                                                     Environment environment) {
        return factory -> {
            if (!environment.containsProperty("server.jetty.max-connections")) {
                factory.setMaxConnections(properties.maxConnections());
            }
        };
    }
}
