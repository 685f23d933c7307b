package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class WhenTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Clock BERLIN = Clock.fixed(NOW, ZoneId.of("Europe/Berlin"));

    @Test
    void timeAgoCountsBackFromNow() {
        assertThat(When.parse("90s", BERLIN)).isEqualTo(Instant.parse("2026-12-04T11:58:30Z"));
        assertThat(When.parse("30m", BERLIN)).isEqualTo(Instant.parse("2026-12-04T11:30:00Z"));
        assertThat(When.parse("2h", BERLIN)).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(When.parse("3D", BERLIN)).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
        assertThat(When.parse("1w", BERLIN)).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
    }

    @Test
    void dateIsItsStartAndDateTimeWithoutOffsetIsLocal() {
        assertThat(When.parse("2026-12-01", BERLIN)).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
        assertThat(When.parse("2026-12-01T09:30", BERLIN)).isEqualTo(Instant.parse("2026-12-01T08:30:00Z"));
    }

    @Test
    void dateTimeWithOffsetIsThatInstant() {
        assertThat(When.parse("2026-12-01T09:30:00Z", BERLIN)).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(When.parse("2026-12-01T09:30:00.250+02:00", BERLIN))
                .isEqualTo(Instant.parse("2026-12-01T07:30:00.250Z"));
    }

    @Test
    void anythingElseIsRefusedWithTheFormsItTakes() {
        for (String text : new String[] {"yesterday", "2h30m", "-2h", "2026-13-01", "12:00", ""}) {
            assertThatThrownBy(() -> When.parse(text, BERLIN)).as(text).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("is not a time: use e.g. 2h, 3d, 2026-12-01, 2026-12-01T09:30");
        }
    }
}
