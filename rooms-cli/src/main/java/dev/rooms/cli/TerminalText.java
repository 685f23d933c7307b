package dev.rooms.cli;

/**
 * Makes text from the server or from other users safe to print on a terminal: it stays data and never becomes
 * terminal input. Every printer of such text goes through here (messages, names, room names and descriptions,
 * call notices, server error details, tables).
 *
 * <p>What is replaced, by a visible sign so the reader sees that something was there:
 * <ul>
 *   <li>an escape sequence — CSI ({@code ESC [ … final}), OSC ({@code ESC ] …} up to BEL or ST), DCS, SOS, PM,
 *       APC (up to ST), any other {@code ESC …}, and their 8-bit C1 forms — by one {@code ␛} for the whole
 *       sequence, so no remainder of it shows as stray text;</li>
 *   <li>a carriage return that does not end a line ({@code \r\n} is a line break) by {@code ␍}, and every other
 *       C0 control except line feed and tab by its Unicode control picture ({@code ␀ ␇ ␈ …}); DEL by {@code ␡};</li>
 *   <li>the other C1 controls (U+0080–U+009F) and the bidirectional formatting characters (embeddings and
 *       overrides U+202A–U+202E, isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C) by {@code �}:
 *       terminals either ignore or apply them, and applied they reorder what the reader sees.</li>
 * </ul>
 * {@link #text} keeps line feeds and tabs (a message's own lines); {@link #line} also shows them as {@code ␊} and
 * {@code ␉}, for text that must stay on one line (a name, a room description in a list, an error line).
 */
public final class TerminalText {

    private static final char ESC = 0x1b;
    private static final char BEL = 0x07;
    private static final char ESCAPE_SIGN = '␛';
    private static final char REPLACEMENT = '\uFFFD';
    /** U+2400 is the control picture of NUL; the picture of C0 control {@code c} is U+2400 + c. */
    private static final int CONTROL_PICTURES = 0x2400;
    private static final char DEL_SIGN = '␡';

    private TerminalText() {
    }

    /**
     * Neutralises {@code untrusted} for printing, keeping its line breaks ({@code \r\n} becomes {@code \n}) and
     * tabs.
     *
     * @param untrusted text from the server or another user; {@code null} is empty
     * @return text without control characters other than {@code \n} and {@code \t}, without bidirectional
     *         formatting characters
     */
    public static String text(String untrusted) {
        return neutralise(untrusted, true);
    }

    /**
     * Neutralises {@code untrusted} for printing on one line: like {@link #text}, and line feeds and tabs show as
     * {@code ␊} and {@code ␉}.
     *
     * @param untrusted text from the server or another user; {@code null} is empty
     * @return text without any control character or bidirectional formatting character
     */
    public static String line(String untrusted) {
        return neutralise(untrusted, false);
    }

    private static String neutralise(String text, boolean keepLines) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (c == ESC || isC1Introducer(c)) {
                out.append(ESCAPE_SIGN);
                next = endOfSequence(text, i);
            } else if (c == '\r' && next < text.length() && text.charAt(next) == '\n') {
                // CR LF is a line break; the LF is handled on its own.
            } else if (c == '\n' || c == '\t') {
                out.appendCodePoint(keepLines ? c : CONTROL_PICTURES + c);
            } else if (c < 0x20) {
                out.appendCodePoint(CONTROL_PICTURES + c);
            } else if (c == 0x7f) {
                out.append(DEL_SIGN);
            } else if ((c >= 0x80 && c <= 0x9f) || isBidiControl(c)) {
                out.append(REPLACEMENT);
            } else {
                out.appendCodePoint(c);
            }
            i = next;
        }
        return out.toString();
    }

    /** C1 controls that start a sequence: CSI, OSC, DCS, SOS, PM and APC. */
    private static boolean isC1Introducer(int c) {
        return c == 0x9b || c == 0x9d || c == 0x90 || c == 0x98 || c == 0x9e || c == 0x9f;
    }

    /**
     * Whether a terminal acts on {@code c} beyond the C0 controls that JSON escapes itself: DEL, a C1 control or
     * a bidirectional control (for {@code --json}, which escapes them instead of replacing them).
     */
    static boolean isActedOnByTerminals(int c) {
        return c == 0x7f || (c >= 0x80 && c <= 0x9f) || isBidiControl(c);
    }

    private static boolean isBidiControl(int c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }

    /**
     * Where the escape sequence starting at {@code start} (an ESC or a C1 introducer) ends, following ECMA-48: a
     * control string runs to its terminator or the end of the text; a CSI to its final byte; any other escape to
     * its final byte. A sequence cut short by a character that cannot belong to it ends before that character.
     */
    private static int endOfSequence(String text, int start) {
        char first = text.charAt(start);
        int i = start + 1;
        char kind;
        if (first == ESC) {
            if (i >= text.length()) {
                return i;
            }
            kind = text.charAt(i);
            i++;
        } else {
            kind = switch (first) {
                case 0x9b -> '[';
                case 0x9d -> ']';
                case 0x90 -> 'P';
                case 0x98 -> 'X';
                case 0x9e -> '^';
                default -> '_';
            };
        }
        return switch (kind) {
            case '[' -> endOfCsi(text, i);
            case ']', 'P', 'X', '^', '_' -> endOfControlString(text, i, kind == ']');
            default -> endOfEscape(text, i - 1);
        };
    }

    /** CSI: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E. */
    private static int endOfCsi(String text, int i) {
        while (i < text.length() && text.charAt(i) >= 0x30 && text.charAt(i) <= 0x3f) {
            i++;
        }
        while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2f) {
            i++;
        }
        if (i < text.length() && text.charAt(i) >= 0x40 && text.charAt(i) <= 0x7e) {
            i++;
        }
        return i;
    }

    /** OSC (also ended by BEL, as xterm allows), DCS, SOS, PM, APC: up to ST ({@code ESC \} or U+009C). */
    private static int endOfControlString(String text, int i, boolean belEnds) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == 0x9c || (belEnds && c == BEL)) {
                return i + 1;
            }
            if (c == ESC) {
                return i + 1 < text.length() && text.charAt(i + 1) == '\\' ? i + 2 : i;
            }
            i++;
        }
        return i;
    }

    /**
     * Any other escape starting with the character at {@code i} (the one after ESC): intermediate bytes 0x20–0x2F,
     * then one final byte 0x30–0x7E. A lone ESC (followed by something else) is the sequence by itself.
     */
    private static int endOfEscape(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) >= 0x20 && text.charAt(j) <= 0x2f) {
            j++;
        }
        if (j < text.length() && text.charAt(j) >= 0x30 && text.charAt(j) <= 0x7e) {
            return j + 1;
        }
        return i;
    }
}
