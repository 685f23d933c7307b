package dev.rooms.server.system;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JettyConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jsonErrorAnswers(JsonErrorWriter errors) {
        return factory -> factory.addServerCustomizers(server -> server.setErrorHandler(new JsonErrorHandler(errors)));
    }
}
