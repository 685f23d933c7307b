package dev.rooms.server.system;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class JettyConfiguration {

    /**
     * Connections the kernel may hold for the server before it accepts them. Jetty leaves it to the JDK, whose
     * default is 50: of 1,000 clients connecting at once (a reconnect storm after a restart) the rest had their
     * connection attempts dropped and retried by their TCP stacks after 1 s, 3 s, 7 s, which was the whole of the
     * handshakes' p99 of 1.5–2.2 s (README-bench). Linux caps it at {@code net.core.somaxconn} (4096 by default).
     */
    static final int ACCEPT_QUEUE_SIZE = 4096;

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jsonErrorAnswers(JsonErrorWriter errors) {
        return factory -> factory.addServerCustomizers(server -> server.setErrorHandler(new JsonErrorHandler(errors)));
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> acceptQueue() {
        return factory -> factory.addServerCustomizers(server -> {
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof ServerConnector serverConnector) {
                    serverConnector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
                }
            }
        });
    }
}
