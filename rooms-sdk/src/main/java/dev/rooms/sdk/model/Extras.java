package dev.rooms.sdk.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deep, unmodifiable copies of the "fields we do not know" maps, so the records holding them stay immutable all
 * the way down. JSON {@code null} values must survive, hence no {@code Map.copyOf}/{@code List.copyOf}.
 */
final class Extras {

    private Extras() {
    }

    /** The top-level fields every signal frame models, whatever its kind. */
    static final Set<String> SIGNAL_FIELDS = Set.of("type", "sender_id", "target", "offer", "answer", "candidate");

    /**
     * Copies a map of JSON values, leaving out the fields the record models: a field is either modelled or an
     * extra, never both, so an extra can never contradict (or, on the wire, repeat) a modelled field.
     *
     * @param extras   the fields as parsed (nested objects as maps, arrays as lists), or {@code null}
     * @param modelled the names of the fields the record holds itself
     * @return an unmodifiable deep copy, empty for {@code null}
     */
    static Map<String, Object> copy(Map<String, Object> extras, Set<String> modelled) {
        if (extras == null || extras.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        extras.forEach((key, value) -> {
            if (!modelled.contains(key)) {
                copy.put(key, value(value));
            }
        });
        return copy.isEmpty() ? Map.of() : Collections.unmodifiableMap(copy);
    }

    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, element) -> copy.put(key, value(element)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(value(element)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
