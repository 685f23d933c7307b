package dev.rooms.server.system;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a request's query parameters the way the original's filters and serializer fields did, collecting one
 * list of messages per parameter so that a single 400 names every bad one. Every list endpoint parses its
 * parameters through this class, so a parameter means and rejects the same thing everywhere.
 */
public final class QueryParameters {

    public static final int MAX_LIMIT = 1000;
    static final String NOT_AN_INTEGER = "A valid integer is required.";
    static final String WRONG_DATETIME = "Datetime has wrong format. Use one of these formats instead: "
            + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

    /** ISO 8601 as Django's {@code parse_datetime} takes it; without an offset the time is UTC. */
    private static final DateTimeFormatter DATETIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter();

    private final HttpServletRequest request;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private QueryParameters(HttpServletRequest request) {
        this.request = request;
    }

    public static QueryParameters of(HttpServletRequest request) {
        return new QueryParameters(request);
    }

    /** The raw value, or {@code null} when the parameter is absent. */
    public String text(String name) {
        return request.getParameter(name);
    }

    /** A search term, trimmed; absent or blank means no filter (DRF's {@code SearchFilter} ignores it too). */
    public String searchTerm(String name) {
        String value = text(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A search term that must be given and must not be blank. */
    public String requiredSearchTerm(String name) {
        String value = text(name);
        if (value == null) {
            reject(name, JsonFields.REQUIRED);
            return null;
        }
        if (value.isBlank()) {
            reject(name, JsonFields.BLANK);
            return null;
        }
        return value.strip();
    }

    /** An integer (an id), or {@code null} when absent or invalid. */
    public Long integer(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            reject(name, NOT_AN_INTEGER);
            return null;
        }
    }

    /** {@code limit}: 1 to {@value #MAX_LIMIT}, or {@code null} when absent or invalid. */
    public Integer limit() {
        String value = text("limit");
        if (value == null) {
            return null;
        }
        BigInteger number;
        try {
            // BigInteger, so a huge number is "too large" rather than "not an integer".
            number = new BigInteger(value.strip());
        } catch (NumberFormatException e) {
            reject("limit", NOT_AN_INTEGER);
            return null;
        }
        if (number.signum() < 1) {
            reject("limit", "Ensure this value is greater than or equal to 1.");
            return null;
        }
        if (number.compareTo(BigInteger.valueOf(MAX_LIMIT)) > 0) {
            reject("limit", "Ensure this value is less than or equal to " + MAX_LIMIT + ".");
            return null;
        }
        return number.intValue();
    }

    /**
     * An ISO 8601 date and time; without an offset it is taken as UTC. Years before 1 or after 9999 are
     * rejected like any other malformed value (Python's datetime cannot hold them either).
     */
    public Instant instant(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            TemporalAccessor parsed = DATETIME.parseBest(value.strip(), OffsetDateTime::from, LocalDateTime::from);
            OffsetDateTime time = parsed instanceof OffsetDateTime offset
                    ? offset
                    : ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
            if (time.getYear() < 1 || time.getYear() > 9999) {
                reject(name, WRONG_DATETIME);
                return null;
            }
            return time.toInstant();
        } catch (DateTimeParseException e) {
            reject(name, WRONG_DATETIME);
            return null;
        }
    }

    /** One of {@code choices}, exactly as sent; anything else is rejected in django-filter's words. */
    public String choice(String name, Set<String> choices) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        if (!choices.contains(value)) {
            reject(name, "Select a valid choice. " + value + " is not one of the available choices.");
            return null;
        }
        return value;
    }

    public void reject(String name, String message) {
        errors.computeIfAbsent(name, n -> new ArrayList<>()).add(message);
    }

    /** Throws every collected error as one {@link ValidationException}, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
