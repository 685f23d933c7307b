package dev.rooms.sdk.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Defensive copies of the "fields we do not know" maps; JSON {@code null} values must survive, so no Map.copyOf. */
final class Extras {

    private Extras() {
    }

    static Map<String, Object> copy(Map<String, Object> extras) {
        if (extras == null || extras.isEmpty()) {
            return Map.of();
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }
}
