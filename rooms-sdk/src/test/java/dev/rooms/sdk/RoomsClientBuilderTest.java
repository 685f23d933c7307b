package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoomsClientBuilderTest {

    @Test
    void buildWithoutBaseUrlFails() {
        assertThatThrownBy(() -> RoomsClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("baseUrl");
    }

    @Test
    void badInputsAreRejectedByTheSetter() {
        RoomsClient.Builder builder = RoomsClient.builder();

        assertThatThrownBy(() -> builder.baseUrl(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("baseUrl == null");
        assertThatThrownBy(() -> builder.baseUrl("ftp://example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.baseUrl("http://example.com/?x=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.readTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.userAgent(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.userAgent("bot\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.tokenStore(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.okHttpClient(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.callbackExecutor(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.maxRateLimitRetries(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void baseUrlGetsATrailingSlash() {
        assertThat(RoomsClient.builder().baseUrl("http://localhost:8000").build().baseUrl())
                .isEqualTo("http://localhost:8000/");
        assertThat(RoomsClient.builder().baseUrl("https://example.com/rooms").build().baseUrl())
                .isEqualTo("https://example.com/rooms/");
    }

    @Test
    void reconnectDelaysGrowExponentiallyUpToTheMaximum() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0, 0);
        Random random = new Random(1);

        assertThat(policy.delayBefore(1, random)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delayBefore(2, random)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delayBefore(4, random)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delayBefore(5, random)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(500, random)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void reconnectJitterStaysWithinItsFraction() {
        ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(1000), Duration.ofSeconds(10), 2.0, 0.25, 0);
        Random random = new Random(7);

        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delayBefore(1, random)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
        }
    }

    @Test
    void reconnectPolicyRejectsNonsense() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 0.5, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 1.5, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
