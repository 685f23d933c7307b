package dev.rooms.server.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answered as 400 with a field-keyed body: {@code {"email": ["Enter a valid email address."]}}. */
public class ValidationException extends RuntimeException {

    private final Map<String, List<String>> errors;

    public ValidationException(Map<String, List<String>> errors) {
        super("Invalid input: " + errors);
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, List.of(message)));
    }

    /** The errors in the order the fields were checked. */
    public Map<String, List<String>> errors() {
        return errors;
    }
}
