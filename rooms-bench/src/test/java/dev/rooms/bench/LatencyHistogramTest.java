package dev.rooms.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesOfSmallValuesAreExact() {
        LatencyHistogram histogram = new LatencyHistogram();

        for (int micros = 1; micros <= 100; micros++) {
            histogram.record(micros);
        }

        assertThat(histogram.percentile(50)).isEqualTo(50);
        assertThat(histogram.percentile(99)).isEqualTo(99);
        assertThat(histogram.max()).isEqualTo(100);
    }

    @Test
    void percentilesOfLargeValuesAreWithinTwoPercent() {
        LatencyHistogram histogram = new LatencyHistogram();

        for (int i = 0; i < 99; i++) {
            histogram.record(1_000);
        }
        histogram.record(2_000_000);

        assertThat(histogram.percentile(99)).isBetween(1_000L, 1_020L);
        assertThat(histogram.percentile(100)).isEqualTo(2_000_000);
    }
}
