package dev.rooms.server.operations;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementPortDefaultsTest {

    private final ManagementPortDefaults defaults = new ManagementPortDefaults();

    @Test
    void randomApiPortAndDefaultManagementPortThenRandomManagementPort() {
        StandardEnvironment environment = environment(Map.of("server.port", "0", "management.server.port", "8001"));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.server.port")).isEqualTo("0");
    }

    @Test
    void randomApiPortAndAChosenManagementPortThenTheChosenOne() {
        StandardEnvironment chosenByRooms = environment(Map.of("server.port", "0", "management.server.port", "8001",
                "rooms.management.port", "8001"));
        StandardEnvironment chosenBySpring = environment(Map.of("server.port", "0", "management.server.port", "9100"));

        defaults.postProcessEnvironment(chosenByRooms, new SpringApplication());
        defaults.postProcessEnvironment(chosenBySpring, new SpringApplication());

        assertThat(chosenByRooms.getProperty("management.server.port")).isEqualTo("8001");
        assertThat(chosenBySpring.getProperty("management.server.port")).isEqualTo("9100");
    }

    @Test
    void fixedApiPortThenTheDefaultManagementPort() {
        StandardEnvironment environment = environment(Map.of("server.port", "8000", "management.server.port", "8001"));

        defaults.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("management.server.port")).isEqualTo("8001");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
