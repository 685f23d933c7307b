package dev.rooms.server.system;

import java.util.List;

/** One page of a list, and whether more results lie beyond it in the direction it was read. */
public record Page<T>(List<T> items, boolean more) {

    /** The first {@code limit} of {@code fetched} (read with one row to spare, so the spare tells if more exist). */
    public static <T> Page<T> of(List<T> fetched, int limit) {
        return fetched.size() > limit ? new Page<>(List.copyOf(fetched.subList(0, limit)), true) : new Page<>(fetched, false);
    }
}
