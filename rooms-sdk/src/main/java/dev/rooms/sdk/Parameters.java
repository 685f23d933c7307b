package dev.rooms.sdk;

import java.util.Map;

/** Writes the optional parts of a query as query parameters; {@code null} means the parameter is left out. */
final class Parameters {

    private Parameters() {
    }

    /** Numbers and ids as decimals, instants as {@link java.time.Instant#toString()}: ISO-8601 in UTC. */
    static void put(Map<String, String> parameters, String name, Object value) {
        if (value != null) {
            parameters.put(name, value.toString());
        }
    }
}
