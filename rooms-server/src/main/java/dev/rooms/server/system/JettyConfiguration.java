package dev.rooms.server.system;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class JettyConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jsonErrorAnswers(ObjectMapper json) {
        return factory -> factory.addServerCustomizers(server -> server.setErrorHandler(new JsonErrorHandler(json)));
    }
}
