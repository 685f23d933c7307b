package dev.rooms.server.live;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LivePropertiesTest {

    @Test
    void defaultsThenSixteenThousandCharactersFitInA64KiBFrame() {
        LiveProperties defaults = properties(DataSize.ofKilobytes(64), 16_000);

        assertThat(defaults.maxContentLength()).isEqualTo(16_000);
    }

    @Test
    void contentLimitThatCannotFitTheFrameLimitThenStartUpFailsWithWhatToChange() {
        assertThatThrownBy(() -> properties(DataSize.ofKilobytes(64), 16_500))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rooms.websocket.max-content-length=16500 needs rooms.websocket.max-frame-size of at least "
                        + "67024 bytes (4 per character plus 1024 for the rest of the frame), but it is 65536; "
                        + "raise max-frame-size or lower max-content-length");
    }

    @Test
    void contentLimitBelowOneThenStartUpFails() {
        assertThatThrownBy(() -> properties(DataSize.ofKilobytes(64), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rooms.websocket.max-content-length must be at least 1, not 0");
    }

    private static LiveProperties properties(DataSize maxFrameSize, int maxContentLength) {
        return new LiveProperties(List.of("*"), maxFrameSize, maxContentLength, DataSize.ofMegabytes(1),
                Duration.ofSeconds(20), Duration.ofSeconds(25), Duration.ofSeconds(60), 20_000);
    }
}
