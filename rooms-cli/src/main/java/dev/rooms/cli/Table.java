package dev.rooms.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * An aligned text table fitted to a width: when the rows are too wide, the widest columns give way first and
 * their cells are cut with an ellipsis. Widths are terminal columns, not characters: CJK ideographs and most
 * emoji take two, combining marks none. Cells go through {@link TerminalText#text}; their line breaks and tabs
 * show as spaces, so a row stays one line.
 */
final class Table {

    private static final String GAP = "  ";
    private static final int MIN_COLUMN = 6;

    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers;
    }

    Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns");
        }
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = clean(cells[i] == null ? "" : cells[i].toString());
        }
        rows.add(text);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the header (bold when {@code colour}) and the rows, each line at most {@code width} columns. */
    void print(PrintWriter out, int width, boolean colour) {
        int[] widths = fit(width);
        String header = line(headers, widths);
        out.println(colour ? "\u001b[1m" + header + "\u001b[0m" : header);
        for (String[] row : rows) {
            out.println(line(row, widths));
        }
    }

    /**
     * Prints only the ids, one per line, for {@code --quiet}: the {@code ID} column of a table, or the value of the
     * {@code ID} pair; nothing when there is neither.
     */
    void printIds(PrintWriter out) {
        int column = Arrays.asList(headers).indexOf("ID");
        for (String[] row : rows) {
            if (column >= 0) {
                out.println(row[column]);
            } else if (row.length == 2 && row[0].equals("ID")) {
                out.println(row[1]);
            }
        }
    }

    /** Prints label/value pairs (the rows' first two cells) without a header, labels aligned. */
    void printPairs(PrintWriter out, int width, boolean colour) {
        int[] widths = fit(width);
        for (String[] row : rows) {
            String label = pad(row[0], widths[0]);
            out.println((colour ? "\u001b[1m" + label + "\u001b[0m" : label) + GAP + cut(row[1], widths[1]));
        }
    }

    private int[] fit(int width) {
        int[] widths = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            widths[i] = length(headers[i]);
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], length(row[i]));
            }
        }
        int total = Arrays.stream(widths).sum() + GAP.length() * (widths.length - 1);
        while (total > width) {
            int widest = 0;
            for (int i = 1; i < widths.length; i++) {
                if (widths[i] > widths[widest]) {
                    widest = i;
                }
            }
            if (widths[widest] <= MIN_COLUMN) {
                break;
            }
            widths[widest]--;
            total--;
        }
        return widths;
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cut(cells[i], widths[i]);
            if (i == cells.length - 1) {
                line.append(cell);
            } else {
                line.append(pad(cell, widths[i])).append(GAP);
            }
        }
        return line.toString().stripTrailing();
    }

    /** The longest prefix of whole code points that fits {@code width} columns with an ellipsis after it. */
    private static String cut(String text, int width) {
        if (length(text) <= width) {
            return text;
        }
        int room = Math.max(0, width - 1);
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int columns = columns(codePoint);
            if (used + columns > room) {
                break;
            }
            used += columns;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + "…";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - length(text)));
    }

    /** Display width in terminal columns. */
    static int length(String text) {
        return text.codePoints().map(Table::columns).sum();
    }

    private static int columns(int codePoint) {
        return Math.max(0, WCWidth.wcwidth(codePoint));
    }

    private static String clean(String text) {
        return TerminalText.text(text).replace('\n', ' ').replace('\t', ' ');
    }
}
