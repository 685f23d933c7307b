package dev.rooms.server.operations;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A server asked for a random API port ({@code server.port=0}: tests, several servers on one machine) gets a
 * random management port too, unless one was chosen: the fixed default would make the second such server on
 * a machine fail to start. Registered in {@code META-INF/spring.factories}.
 */
public final class ManagementPortDefaults implements EnvironmentPostProcessor {

    /** The management port of application.properties when neither it nor {@code rooms.management.port} is set. */
    static final String DEFAULT_PORT = "8001";
    private static final String MANAGEMENT_PORT = "management.server.port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean randomServerPort = "0".equals(environment.getProperty("server.port"));
        boolean defaultManagementPort = DEFAULT_PORT.equals(environment.getProperty(MANAGEMENT_PORT))
                && !environment.containsProperty("rooms.management.port");
        if (randomServerPort && defaultManagementPort) {
            environment.getPropertySources().addFirst(
                    new MapPropertySource("rooms-random-management-port", Map.of(MANAGEMENT_PORT, "0")));
        }
    }
}
