package dev.rooms.server.auth;

/**
 * The checks Spring Security's {@code StrictHttpFirewall} makes of every header name and value, without its
 * regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} and, for values, the same allowing a tab):
 * the firewall runs them each time any header is read, which cost 8.5 % of a cached request's CPU
 * (README-bench). Same answer for every string ({@code HeaderCharactersTest} compares them code point by code
 * point); printable ASCII, nearly every header, is decided without a table lookup.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** A header name: every code point assigned and not a control character. */
    static boolean validName(String name) {
        return valid(name, false);
    }

    /** A header value: every code point assigned and not a control character, except that a tab is allowed. */
    static boolean validValue(String value) {
        return valid(value, true);
    }

    private static boolean valid(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue;
            }
            int codePoint = text.codePointAt(i);
            if (Character.charCount(codePoint) == 2) {
                i++;
            }
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
        }
        return true;
    }
}
