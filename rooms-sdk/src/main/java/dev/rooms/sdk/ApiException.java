package dev.rooms.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The server answered with an error status. Subclasses exist for the statuses a caller typically branches on:
 * {@link ValidationException} (400), {@link AuthenticationException} (401), {@link ForbiddenException} (403),
 * {@link NotFoundException} (404) and {@link RateLimitedException} (429); other statuses (405, 415, 500, ...) are
 * plain {@code ApiException}s.
 *
 * <p>{@link #getMessage()} reads well to a person: the {@code detail} if the server sent one, otherwise the field
 * errors as {@code field: message}, several fields separated by {@code "; "} (e.g.
 * {@code email: A user with this email already exists.; password: This password is too common.}), otherwise the
 * status line (e.g. {@code HTTP 502 Bad Gateway (the answer had no error details)}). {@link #code()} is kept out of
 * the message: it is for programs.
 *
 * <p>Immutable and safe to share between threads.
 */
public class ApiException extends RoomsException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status. */
    private final int status;
    /** The body's {@code detail}, or {@code null}. */
    private final String detail;
    /** The body's {@code code}, or {@code null}. */
    private final String code;
    /** The body's field-keyed messages. */
    private final Map<String, List<String>> fieldErrors;

    /**
     * Creates an exception for an error answer.
     *
     * @param status      the HTTP status
     * @param detail      the body's {@code detail}, or {@code null}
     * @param code        the body's machine-readable {@code code} (e.g. {@code token_not_valid}), or {@code null}
     * @param fieldErrors the body's field-keyed messages, or {@code null}/empty
     */
    public ApiException(int status, String detail, String code, Map<String, List<String>> fieldErrors) {
        super(describe(status, detail, fieldErrors), null);
        this.status = status;
        this.detail = detail;
        this.code = code;
        this.fieldErrors = copy(fieldErrors);
    }

    /**
     * Returns the HTTP status the server answered with.
     *
     * @return e.g. 400
     */
    public int status() {
        return status;
    }

    /**
     * Returns the {@code detail} of the error body.
     *
     * @return the detail, or {@code null} when the body had none (validation errors carry field errors instead)
     */
    public String detail() {
        return detail;
    }

    /**
     * Returns the machine-readable {@code code} of the error body, such as {@code token_not_valid}.
     *
     * @return the code, or {@code null}
     */
    public String code() {
        return code;
    }

    /**
     * Returns the validation messages by field name, in the order the server sent them; messages that concern no
     * single field are under {@code non_field_errors}.
     *
     * @return an unmodifiable map, empty when there were none
     */
    public Map<String, List<String>> fieldErrors() {
        return fieldErrors;
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> fieldErrors) {
        if (fieldErrors == null || fieldErrors.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        fieldErrors.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
        return Collections.unmodifiableMap(copy);
    }

    private static String describe(int status, String detail, Map<String, List<String>> fieldErrors) {
        if (detail != null && !detail.isBlank()) {
            return detail;
        }
        if (fieldErrors != null && !fieldErrors.isEmpty()) {
            // Messages that concern no single field read better without DRF's key in front of them.
            return fieldErrors.entrySet().stream()
                    .map(e -> ("non_field_errors".equals(e.getKey()) ? "" : e.getKey() + ": ")
                            + String.join(" ", e.getValue()))
                    .collect(Collectors.joining("; "));
        }
        String reason = reasonPhrase(status);
        return "HTTP " + status + (reason == null ? "" : " " + reason) + " (the answer had no error details)";
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
    }
}
