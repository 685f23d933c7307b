package dev.rooms.server.system;

/** Patterns for {@code ILIKE ? ESCAPE '\'}, so a search for {@code 100%} or {@code a_b} means those characters. */
public final class LikePattern {

    private LikePattern() {
    }

    /** Matches any text that contains {@code text}. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
