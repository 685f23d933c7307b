package dev.rooms.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A WHEN option ({@code --since}, {@code --until}): a time ago ({@code 90s}, {@code 30m}, {@code 2h}, {@code 3d},
 * {@code 1w}), a date ({@code 2026-12-01}: its start, local time), a local date and time
 * ({@code 2026-12-01T09:30}) or an instant with an offset ({@code 2026-12-01T09:30:00Z}, {@code ...+01:00}).
 */
final class When implements ITypeConverter<Instant> {

    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhdw])");

    @Override
    public Instant convert(String value) {
        return parse(value, Clock.systemDefaultZone());
    }

    static Instant parse(String value, Clock clock) {
        String text = value.strip();
        Matcher ago = AGO.matcher(text.toLowerCase(Locale.ROOT));
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration unit = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> Duration.ofDays(7);
            };
            return clock.instant().minus(unit.multipliedBy(amount));
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(clock.getZone()).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).atZone(clock.getZone()).toInstant();
        } catch (DateTimeException e) {
            throw new TypeConversionException("'" + value + "' is not a time: use e.g. 2h, 3d, 2026-12-01, "
                    + "2026-12-01T09:30 or 2026-12-01T09:30:00Z");
        }
    }
}
