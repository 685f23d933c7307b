package dev.rooms.bench;

/**
 * Log-linear histogram of microsecond values in the spirit of HdrHistogram: exact below 128 µs, then 64
 * buckets per power of two (under 1.6 % error), fixed size whatever the run length. Not thread-safe.
 */
final class LatencyHistogram {

    private static final int EXACT = 128;
    private static final int PER_OCTAVE = 64;

    private final long[] counts = new long[EXACT + 57 * PER_OCTAVE];
    private long total;
    private long max;

    void record(long micros) {
        long value = Math.max(0, micros);
        counts[index(value)]++;
        total++;
        max = Math.max(max, value);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /** The smallest bucket bound at or below which {@code percent} % of the values lie (never above max). */
    long percentile(double percent) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    private static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int octave = 63 - Long.numberOfLeadingZeros(value);
        int shift = octave - 6;
        return EXACT + (octave - 7) * PER_OCTAVE + (int) ((value >>> shift) - PER_OCTAVE);
    }

    private static long upperBound(int index) {
        if (index < EXACT) {
            return index;
        }
        int octave = (index - EXACT) / PER_OCTAVE + 7;
        int shift = octave - 6;
        long mantissa = (index - EXACT) % PER_OCTAVE + PER_OCTAVE;
        return ((mantissa + 1) << shift) - 1;
    }
}
