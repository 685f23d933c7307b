package dev.rooms.bench;

import java.nio.charset.StandardCharsets;

/**
 * The three top-level fields of a broadcast chat message the benchmark needs, read by a small scanner
 * instead of a JSON library so that reading fifty thousand frames a second stays cheap.
 */
record ChatFrame(long id, String content, String nonce) {

    /** Returns the chat message in {@code data}, or null for any other frame (a signal, an error, bad JSON). */
    static ChatFrame parse(byte[] data, int offset, int length) {
        try {
            return new Scanner(data, offset, offset + length).chatFrame();
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static final class Scanner {
        private final byte[] data;
        private final int end;
        private int at;

        Scanner(byte[] data, int from, int end) {
            this.data = data;
            this.at = from;
            this.end = end;
        }

        ChatFrame chatFrame() {
            long id = -1;
            String content = null;
            String nonce = null;
            expect('{');
            if (peek() == '}') {
                return null;
            }
            do {
                String key = string();
                expect(':');
                switch (key) {
                    case "id" -> id = number();
                    case "content" -> content = peek() == '"' ? string() : skipValue();
                    case "nonce" -> nonce = peek() == '"' ? string() : skipValue();
                    default -> skipValue();
                }
            } while (next(',', '}') == ',');
            return id >= 0 && content != null ? new ChatFrame(id, content, nonce) : null;
        }

        private byte peek() {
            skipSpace();
            if (at >= end) {
                throw new IllegalArgumentException("end of input");
            }
            return data[at];
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
            at++;
        }

        private char next(char a, char b) {
            byte c = peek();
            if (c != a && c != b) {
                throw new IllegalArgumentException("expected " + a + " or " + b);
            }
            at++;
            return (char) c;
        }

        private void skipSpace() {
            while (at < end && (data[at] == ' ' || data[at] == '\n' || data[at] == '\r' || data[at] == '\t')) {
                at++;
            }
        }

        private long number() {
            skipSpace();
            long value = 0;
            int start = at;
            while (at < end && data[at] >= '0' && data[at] <= '9') {
                value = value * 10 + (data[at++] - '0');
            }
            if (at == start || (at < end && (data[at] == '.' || data[at] == 'e' || data[at] == 'E'))) {
                throw new IllegalArgumentException("not a whole number");
            }
            return value;
        }

        private String string() {
            expect('"');
            int start = at;
            while (data[at] != '"') {
                if (data[at] == '\\') {
                    return escapedString(start);
                }
                at++;
            }
            return new String(data, start, at++ - start, StandardCharsets.UTF_8);
        }

        private String escapedString(int start) {
            StringBuilder text = new StringBuilder();
            text.append(new String(data, start, at - start, StandardCharsets.UTF_8));
            int run = at;
            while (data[at] != '"') {
                if (data[at] != '\\') {
                    at++;
                    continue;
                }
                text.append(new String(data, run, at - run, StandardCharsets.UTF_8));
                char escape = (char) data[at + 1];
                at += 2;
                switch (escape) {
                    case 'n' -> text.append('\n');
                    case 't' -> text.append('\t');
                    case 'r' -> text.append('\r');
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'u' -> {
                        text.append((char) Integer.parseInt(new String(data, at, 4, StandardCharsets.US_ASCII), 16));
                        at += 4;
                    }
                    default -> text.append(escape);
                }
                run = at;
            }
            text.append(new String(data, run, at - run, StandardCharsets.UTF_8));
            at++;
            return text.toString();
        }

        private String skipValue() {
            byte c = peek();
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    byte b = data[at];
                    if (b == '"') {
                        string();
                        continue;
                    }
                    if (b == '{' || b == '[') {
                        depth++;
                    } else if (b == '}' || b == ']') {
                        depth--;
                    }
                    at++;
                } while (depth > 0);
            } else {
                while (at < end && data[at] != ',' && data[at] != '}' && data[at] != ']') {
                    at++;
                }
            }
            return null;
        }
    }
}
