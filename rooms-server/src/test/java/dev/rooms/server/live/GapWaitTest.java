package dev.rooms.server.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GapWaitTest {

    private static final long MS = 1_000_000;
    private final AtomicLong now = new AtomicLong();
    private final GapWait wait = new GapWait(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(5), now::get);

    @Test
    void freshProcessThenTheInitialWaitUntilAQuietMinuteHalvesIt() {
        GapWait fresh = new GapWait(Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(5), now::get);
        long first = fresh.nanos();
        now.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(first).isEqualTo(2000 * MS);
        assertThat(fresh.nanos()).isEqualTo(1000 * MS);
    }

    @Test
    void quickOvertakesThenTheMinimum() {
        wait.overtakenArrivedAfter(3 * MS);

        assertThat(wait.nanos()).isEqualTo(500 * MS);
    }

    @Test
    void overtakenMessageLateThenFourTimesThat() {
        wait.overtakenArrivedAfter(300 * MS);

        assertThat(wait.nanos()).isEqualTo(1200 * MS);
    }

    @Test
    void messageAfterItsGapWasFilledThenTwiceThatButNeverAboveTheMaximum() {
        wait.arrivedAfterFill(900 * MS);
        long afterOne = wait.nanos();
        wait.arrivedAfterFill(4000 * MS);

        assertThat(afterOne).isEqualTo(1800 * MS);
        assertThat(wait.nanos()).isEqualTo(5000 * MS);
    }

    @Test
    void quietMinuteAfterGrowingThenHalvesDownToTheMinimum() {
        wait.overtakenArrivedAfter(1000 * MS);
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        long once = wait.nanos();
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        wait.nanos();
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        wait.nanos();
        now.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(once).isEqualTo(2000 * MS);
        assertThat(wait.nanos()).isEqualTo(500 * MS);
    }
}
