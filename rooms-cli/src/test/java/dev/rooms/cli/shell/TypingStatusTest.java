package dev.rooms.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TypingStatusTest {

    private static final Instant T0 = Instant.parse("2026-12-04T20:00:00Z");
    private static final UserSummary BOB = new UserSummary(2, "bob@example.com", "Bob");
    private static final UserSummary CAROL = new UserSummary(3, "carol@example.com", "Carol");

    private final TypingStatus status = new TypingStatus();

    @Test
    void someoneCountsAsTypingUntilShownForAfterTheirLastEvent() {
        status.typed(BOB, T0);
        status.typed(BOB, T0.plusSeconds(3));

        assertThat(status.names(T0.plusSeconds(3).plus(TypingStatus.SHOWN_FOR).minusMillis(1))).containsExactly("Bob");
        assertThat(status.names(T0.plusSeconds(3).plus(TypingStatus.SHOWN_FOR))).isEmpty();
    }

    @Test
    void theFirstToTypeStaysFirstWhileTheyGoOnTyping() {
        status.typed(BOB, T0);
        status.typed(CAROL, T0.plusSeconds(1));
        status.typed(BOB, T0.plusSeconds(2));

        assertThat(status.names(T0.plusSeconds(2))).containsExactly("Bob", "Carol");
    }

    @Test
    void whoseMessageArrivedStopsAtOnce() {
        status.typed(BOB, T0);
        status.typed(CAROL, T0);

        assertThat(status.stopped(BOB.id())).isTrue();
        assertThat(status.stopped(BOB.id())).isFalse();
        assertThat(status.names(T0)).containsExactly("Carol");
    }
}
