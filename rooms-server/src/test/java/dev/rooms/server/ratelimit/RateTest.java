package dev.rooms.server.ratelimit;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateTest {

    @Test
    void valueOfWhenSeveralBandsThenEachIsACapacityOverAPeriod() {
        Rate rate = Rate.valueOf("5/1m, 20/1h");

        assertThat(rate.bands()).containsExactly(new Rate.Band(5, Duration.ofMinutes(1)),
                new Rate.Band(20, Duration.ofHours(1)));
        assertThat(rate.burst()).isEqualTo(5);
        assertThat(rate.longestPeriod()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void valueOfWhenNotCapacitySlashPeriodThenRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> Rate.valueOf("5 per minute")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity/period");
        assertThatThrownBy(() -> Rate.valueOf("0/1m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rate(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
