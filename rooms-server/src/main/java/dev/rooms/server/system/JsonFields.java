package dev.rooms.server.system;

import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON request object the way the original's serializers did, collecting one list of
 * messages per field so that every problem in a request is reported at once.
 *
 * <p>Bodies are read as a tree, then bound to the feature's records, rather than bound to records by Jackson,
 * so that a wrong JSON type is a field error ({@code "Not a valid string."}) instead of a failed conversion.
 */
public final class JsonFields {

    public static final String REQUIRED = "This field is required.";
    public static final String BLANK = "This field may not be blank.";
    public static final String NULL = "This field may not be null.";
    public static final String NOT_A_STRING = "Not a valid string.";

    /** The message for a text longer than {@code maxLength} characters. */
    public static String tooLong(int maxLength) {
        return "Ensure this field has no more than " + maxLength + " characters.";
    }

    private final JsonNode body;
    private final FieldErrors errors = new FieldErrors();

    private JsonFields(JsonNode body) {
        this.body = body;
    }

    /** Wraps a request body; an absent body counts as an empty object, anything but an object is a 400. */
    public static JsonFields of(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return new JsonFields(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
        if (body.isNull()) {
            throw ValidationException.of("non_field_errors", "No data provided");
        }
        if (!body.isObject()) {
            throw ValidationException.of("non_field_errors",
                    "Invalid data. Expected a dictionary, but got " + pythonTypeName(body) + ".");
        }
        return new JsonFields(body);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    /**
     * A text field, trimmed. Returns {@code null} (and records an error) when it is missing but required, null,
     * not a string, blank while blanks are not allowed, or longer than {@code maxLength}; returns {@code null}
     * without an error when it is absent and optional.
     */
    public String text(String field, boolean required, boolean allowBlank, int maxLength) {
        String value = rawText(field, required);
        if (value == null) {
            return null;
        }
        value = value.strip();
        if (value.isEmpty() && !allowBlank) {
            reject(field, BLANK);
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            reject(field, tooLong(maxLength));
            return null;
        }
        return value;
    }

    /**
     * A required text field taken exactly as sent (chat content is stored untrimmed, as the socket stores it):
     * not blank and at most {@code maxLength} characters (code points), else {@code null} and an error.
     */
    public String untrimmedText(String field, int maxLength) {
        String value = rawText(field, true);
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            reject(field, BLANK);
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            reject(field, tooLong(maxLength));
            return null;
        }
        return value;
    }

    /** A secret field taken exactly as sent (passwords are not trimmed), never blank. */
    public String secret(String field) {
        String value = rawText(field, true);
        if (value != null && value.isEmpty()) {
            reject(field, BLANK);
            return null;
        }
        return value;
    }

    /** One of {@code choices}; anything else is {@code "<input>" is not a valid choice.} */
    public String choice(String field, boolean required, Set<String> choices) {
        if (!body.has(field)) {
            if (required) {
                reject(field, REQUIRED);
            }
            return null;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            reject(field, NULL);
            return null;
        }
        String input = node.isString() ? node.asString() : pythonText(node);
        if (!choices.contains(input)) {
            reject(field, "\"" + input + "\" is not a valid choice.");
            return null;
        }
        return input;
    }

    public void reject(String field, String message) {
        errors.reject(field, message);
    }

    /** The problems found so far, for a service to add its own to before {@link FieldErrors#throwIfInvalid()}. */
    public FieldErrors errors() {
        return errors;
    }

    /** Throws the collected errors as one {@link ValidationException}, if there are any. */
    public void throwIfInvalid() {
        errors.throwIfInvalid();
    }

    private String rawText(String field, boolean required) {
        if (!body.has(field)) {
            if (required) {
                reject(field, REQUIRED);
            }
            return null;
        }
        JsonNode node = body.get(field);
        if (node.isNull()) {
            reject(field, NULL);
            return null;
        }
        if (!node.isString()) {
            reject(field, NOT_A_STRING);
            return null;
        }
        return node.asString();
    }

    private static String pythonTypeName(JsonNode node) {
        if (node.isArray()) {
            return "list";
        }
        if (node.isString()) {
            return "str";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        return node.isNumber() ? "float" : node.getNodeType().name().toLowerCase();
    }

    /** How the original rendered a non-string input in a choice error: {@code True}, {@code 5}, {@code []}. */
    private static String pythonText(JsonNode node) {
        if (node.isBoolean()) {
            return node.booleanValue() ? "True" : "False";
        }
        return node.toString();
    }
}
