package dev.rooms.sdk.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of the "fields we do not know" maps, so the records holding them stay immutable all
 * the way down. JSON {@code null} values must survive, hence no {@code Map.copyOf}/{@code List.copyOf}.
 */
final class Extras {

    private Extras() {
    }

    /**
     * Copies a map of JSON values.
     *
     * @param extras the fields as parsed (nested objects as maps, arrays as lists), or {@code null}
     * @return an unmodifiable deep copy, empty for {@code null}
     */
    static Map<String, Object> copy(Map<String, Object> extras) {
        if (extras == null || extras.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        extras.forEach((key, value) -> copy.put(key, value(value)));
        return Collections.unmodifiableMap(copy);
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
