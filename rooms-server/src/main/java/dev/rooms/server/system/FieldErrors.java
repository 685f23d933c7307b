package dev.rooms.server.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems found in a request, one list of messages per field in the order the fields were checked, so that
 * every problem is reported at once: binding (a controller reading the body) and the domain's rules (a service
 * checking the bound values) add to the same collection, as DRF's serializers report both together.
 */
public final class FieldErrors {

    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public void reject(String field, String message) {
        errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
    }

    /** Throws the collected problems as one {@link ValidationException}, if there are any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
