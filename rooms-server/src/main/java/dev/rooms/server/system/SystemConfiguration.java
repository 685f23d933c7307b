package dev.rooms.server.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    /** One clock for timestamps and token expiry, so tests and code agree on "now". */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
