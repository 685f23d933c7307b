package dev.rooms.sdk.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rooms.sdk.ApiException;
import dev.rooms.sdk.AuthenticationException;
import dev.rooms.sdk.ForbiddenException;
import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RateLimitedException;
import dev.rooms.sdk.ValidationException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the server's error answers ({@code {"detail": ...}} or field-keyed lists) into the exception tree. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /**
     * Maps an error answer to the exception for its status.
     *
     * @param status           the HTTP status
     * @param body             the answer's body, possibly empty or not JSON
     * @param retryAfterHeader the {@code Retry-After} header, or {@code null}
     * @return the exception to throw
     */
    static ApiException toException(int status, String body, String retryAfterHeader) {
        String detail = null;
        String code = null;
        Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
        JsonNode node = readTree(body);
        if (node != null && node.isObject()) {
            if (node.hasNonNull("detail")) {
                detail = node.get("detail").asText();
                code = node.path("code").isTextual() ? node.get("code").asText() : null;
            } else {
                node.fields().forEachRemaining(field -> fieldErrors.put(field.getKey(), messages(field.getValue())));
            }
        } else if (node != null && node.isArray()) {
            fieldErrors.put("non_field_errors", messages(node));
        }
        return switch (status) {
            case 400 -> new ValidationException(detail, code, fieldErrors);
            case 401 -> new AuthenticationException(detail, code, fieldErrors);
            case 403 -> new ForbiddenException(detail, code, fieldErrors);
            case 404 -> new NotFoundException(detail, code, fieldErrors);
            case 429 -> new RateLimitedException(detail, code, fieldErrors, retryAfter(retryAfterHeader));
            default -> new ApiException(status, detail, code, fieldErrors);
        };
    }

    /**
     * Parses {@code Retry-After} as delta-seconds or an HTTP date.
     *
     * @param header the header value, or {@code null}
     * @return the wait (zero for a date in the past), or {@code null} when absent or unreadable
     */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static List<String> messages(JsonNode value) {
        List<String> messages = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(element -> messages.add(element.isTextual() ? element.asText() : element.toString()));
        } else {
            messages.add(value.isTextual() ? value.asText() : value.toString());
        }
        return messages;
    }

    private static JsonNode readTree(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
