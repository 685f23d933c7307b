package dev.rooms.server.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.bucket4j.Bandwidth;
import org.springframework.boot.convert.DurationStyle;

/**
 * One limit as written in the configuration: one or more {@code capacity/period} bands, e.g. {@code 5/1m,20/1h}.
 * Each band is a token bucket holding {@code capacity} tokens that refill evenly over {@code period}; a request
 * needs a token from every band. Several bands give a burst and a sustained rate, or waits that grow the longer
 * the requests go on (the short band empties first, then the long one, whose tokens come back more slowly).
 *
 * @param bands the token buckets, in the order written
 */
public record Rate(List<Band> bands) {

    /** @param capacity tokens the bucket holds (the burst) @param period time to refill it completely */
    public record Band(long capacity, Duration period) {
    }

    public Rate {
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a rate needs at least one capacity/period band");
        }
        bands = List.copyOf(bands);
    }

    /** Parses {@code capacity/period[,capacity/period...]}; Spring's binder calls this for {@code rooms.rate-limit.*}. */
    public static Rate valueOf(String text) {
        List<Band> bands = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] pieces = part.strip().split("/");
            if (pieces.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not capacity/period, e.g. 10/1m");
            }
            long capacity = Long.parseLong(pieces[0].strip());
            Duration period = DurationStyle.SIMPLE.parse(pieces[1].strip());
            if (capacity < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("'" + part.strip() + "' needs a capacity and a period above zero");
            }
            bands.add(new Band(capacity, period));
        }
        return new Rate(bands);
    }

    /** The smallest capacity: what {@code X-RateLimit-Limit} reports. */
    long burst() {
        return bands.stream().mapToLong(Band::capacity).min().orElseThrow();
    }

    /** After this long without use every band is full again, so the bucket can be forgotten. */
    Duration longestPeriod() {
        return bands.stream().map(Band::period).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Greedy refill: tokens come back one by one, not all at the end of the period. */
    List<Bandwidth> bandwidths() {
        return bands.stream().map(band -> Bandwidth.builder().capacity(band.capacity())
                .refillGreedy(band.capacity(), band.period()).build()).toList();
    }
}
