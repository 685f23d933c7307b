package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The extra event types a socket opts into with {@code ?events=presence,typing,edits}. A socket that names
 * none receives only what the spec describes.
 */
enum LiveEvent {

    /** {@code {"type": "presence", "event": "join" | "leave", ...}}. */
    PRESENCE("presence"),
    /** {@code {"type": "typing", "user": {...}}}. */
    TYPING("typing"),
    /** {@code {"type": "message-updated", ...}} and {@code {"type": "message-deleted", "id": N}}. */
    EDITS("edits");

    private final String wireName;

    LiveEvent(String wireName) {
        this.wireName = wireName;
    }

    /**
     * The events named in a comma-separated list ({@code null} or blank: none).
     *
     * @throws IllegalArgumentException naming every unknown name, worded as a DRF multiple-choice field
     */
    static Set<LiveEvent> parse(String list) {
        Set<LiveEvent> events = EnumSet.noneOf(LiveEvent.class);
        if (list == null || list.isBlank()) {
            return events;
        }
        List<String> unknown = new ArrayList<>();
        for (String name : list.split(",", -1)) {
            String wanted = name.strip();
            LiveEvent event = null;
            for (LiveEvent candidate : values()) {
                if (candidate.wireName.equals(wanted)) {
                    event = candidate;
                }
            }
            if (event == null) {
                unknown.add("\"" + wanted + "\" is not a valid choice.");
            } else {
                events.add(event);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", unknown));
        }
        return events;
    }
}
