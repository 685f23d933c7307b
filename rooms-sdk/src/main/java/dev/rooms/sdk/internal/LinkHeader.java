package dev.rooms.sdk.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads {@code Link} headers (RFC 8288): {@code <https://host/path?a=1>; rel="next", <...>; rel="prev"}. Only
 * what paging needs: the target of the first link with a given relation type. Commas and semicolons inside
 * {@code <...>} and quoted strings are part of them; a header that stops following the grammar is read up to
 * there.
 */
final class LinkHeader {

    private final String text;
    private int at;

    private LinkHeader(String text) {
        this.text = text;
    }

    /**
     * Finds a relation's target.
     *
     * @param headerValues every {@code Link} header of an answer, in order
     * @param relation     a relation type such as {@code next}, compared case-insensitively
     * @return the target URI reference as written (possibly relative), or empty when no link has that relation
     */
    static Optional<String> target(List<String> headerValues, String relation) {
        for (String value : headerValues) {
            Optional<String> found = new LinkHeader(value).find(relation);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<String> find(String relation) {
        while (true) {
            skip(" \t,");
            if (at >= text.length() || text.charAt(at) != '<') {
                return Optional.empty();
            }
            int close = text.indexOf('>', at);
            if (close < 0) {
                return Optional.empty();
            }
            String target = text.substring(at + 1, close).strip();
            at = close + 1;
            boolean matches = false;
            while (true) {
                skip(" \t");
                if (at >= text.length() || text.charAt(at) != ';') {
                    break;
                }
                at++;
                skip(" \t");
                String name = token();
                skip(" \t");
                String value = "";
                if (at < text.length() && text.charAt(at) == '=') {
                    at++;
                    skip(" \t");
                    value = at < text.length() && text.charAt(at) == '"' ? quoted() : token();
                }
                if (name.equalsIgnoreCase("rel")) {
                    // rel may list several types, e.g. rel="next last".
                    matches |= List.of(value.toLowerCase(Locale.ROOT).split("[ \t]+"))
                            .contains(relation.toLowerCase(Locale.ROOT));
                }
            }
            if (matches) {
                return Optional.of(target);
            }
            if (at < text.length() && text.charAt(at) != ',') {
                return Optional.empty();
            }
        }
    }

    private void skip(String characters) {
        while (at < text.length() && characters.indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private String token() {
        int start = at;
        while (at < text.length() && " \t;,=\"".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        return text.substring(start, at);
    }

    private String quoted() {
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length() && text.charAt(at) != '"') {
            if (text.charAt(at) == '\\' && at + 1 < text.length()) {
                at++;
            }
            value.append(text.charAt(at++));
        }
        at++;
        return value.toString();
    }
}
