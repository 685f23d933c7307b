package dev.rooms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void handshakesScenarioStartsOneThousandByDefault() {
        BenchOptions options = BenchOptions.parse("--url", "http://127.0.0.1:8000", "--scenario", "handshakes");

        assertThat(options.handshakes()).isEqualTo(1000);
        assertThat(options.runs("handshakes")).isTrue();
        assertThat(options.runs("throughput")).isFalse();
    }

    @Test
    void allRunsTheHandshakesScenarioToo() {
        BenchOptions options = BenchOptions.parse("--url=http://127.0.0.1:8000", "--handshakes=50");

        assertThat(options.runs("handshakes")).isTrue();
        assertThat(options.handshakes()).isEqualTo(50);
    }

    @Test
    void moreThanTenThousandHandshakesAtOnceAreRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--url", "http://127.0.0.1:8000", "--handshakes", "10001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10,000 handshakes");
    }

    @Test
    void serverOffLoopbackIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--url", "http://example.com:8000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void profileWithoutTheProfilersLibraryIsRefused() {
        assertThatThrownBy(() -> BenchOptions.parse("--url", "http://127.0.0.1:8000", "--profile", "/tmp/profile"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--profiler-lib");
    }
}
