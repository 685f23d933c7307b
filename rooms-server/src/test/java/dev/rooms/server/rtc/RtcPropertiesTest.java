package dev.rooms.server.rtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RtcPropertiesTest {

    @Test
    void nothingConfiguredThenNoIceServers() {
        assertThat(bind(Map.of()).iceServers()).isEmpty();
    }

    @Test
    void environmentVariablesThenServersInOrder() {
        RtcProperties properties = bind(Map.of(
                "ROOMS_RTC_ICESERVERS_0_URLS", "stun:stun.example.org:3478",
                "ROOMS_RTC_ICESERVERS_1_URLS", "turn:turn.example.org:3478,turns:turn.example.org:5349",
                "ROOMS_RTC_ICESERVERS_1_USERNAME", "rooms",
                "ROOMS_RTC_ICESERVERS_1_CREDENTIAL", "s3cret"));

        assertThat(properties.iceServers()).containsExactly(
                new IceServer(List.of("stun:stun.example.org:3478"), null, null),
                new IceServer(List.of("turn:turn.example.org:3478", "turns:turn.example.org:5349"), "rooms", "s3cret"));
    }

    @Test
    void serverWithoutUrlsThenStartFails() {
        assertThatThrownBy(() -> bind(Map.of("ROOMS_RTC_ICESERVERS_0_USERNAME", "rooms")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("must name at least one stun:/turn: URL");
    }

    private static RtcProperties bind(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("rooms.rtc", RtcProperties.class);
    }
}
