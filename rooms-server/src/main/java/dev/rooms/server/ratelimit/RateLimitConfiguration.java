package dev.rooms.server.ratelimit;

import dev.rooms.server.system.BrokerProperties;
import dev.rooms.server.system.BrokerState;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the rate limits: buckets in Redis when {@code rooms.redis.url} is set (the broker's Redis and key
 * prefix), else in this process; the REST limits as interceptors; login and live limits for their callers.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean(destroyMethod = "close")
    RateLimiter rateLimiter(RateLimitProperties limits, BrokerProperties redis, ObjectProvider<RedisClient> redisClient,
                            BrokerState broker, MeterRegistry meters) {
        BucketStore local = new LocalBucketStore();
        if (!limits.enabled()) {
            log.info("Rate limits are off (rooms.rate-limit.enabled=false)");
        }
        BucketStore shared = limits.enabled() && redis.redisEnabled() ? new RedisBucketStore(redisClient.getObject(), redis) : local;
        return new RateLimiter(limits.enabled(), shared, local, broker, meters);
    }

    @Bean
    ClientAddresses clientAddresses(ProxyProperties proxies) {
        return new ClientAddresses(proxies.trustedProxies());
    }

    @Bean
    LoginThrottle loginThrottle(RateLimiter limiter, RateLimitProperties limits, ClientAddresses addresses) {
        return new LoginThrottle(limiter, limits, addresses);
    }

    @Bean
    LiveLimits liveLimits(RateLimiter limiter, RateLimitProperties limits, ClientAddresses addresses) {
        return new LiveLimits(limiter, limits, addresses);
    }

    @Bean
    WebMvcConfigurer restLimits(RateLimiter limiter, RateLimitProperties limits, ClientAddresses addresses) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RequestThrottle(limiter, "register", limits.register(), addresses::of))
                        .addPathPatterns("/auth/register/");
                registry.addInterceptor(new RequestThrottle(limiter, "refresh", limits.refresh(), addresses::of))
                        .addPathPatterns("/auth/token/refresh/");
                registry.addInterceptor(new RequestThrottle(limiter, "rest-user", limits.restUser(),
                                RequestThrottle::userId))
                        .addPathPatterns("/**")
                        .excludePathPatterns("/auth/register/", "/auth/login/", "/auth/token/refresh/");
            }
        };
    }
}
