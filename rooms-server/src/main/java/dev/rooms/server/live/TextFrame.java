package dev.rooms.server.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An outgoing text frame, UTF-8 encoded once: a broadcast makes one and every receiving connection sends the
 * same bytes (each through its own {@link #payload()} view), instead of encoding the text once per receiver.
 */
final class TextFrame {

    private final ByteBuffer utf8;
    private final int chars;

    private TextFrame(ByteBuffer utf8, int chars) {
        this.utf8 = utf8;
        this.chars = chars;
    }

    static TextFrame of(String text) {
        return new TextFrame(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer(), text.length());
    }

    /** The encoded bytes, as a view of its own: the socket's write moves its position, not anyone else's. */
    ByteBuffer payload() {
        return utf8.duplicate();
    }

    /** The length of the text in UTF-16 characters, which a connection's send buffer limit counts. */
    int chars() {
        return chars;
    }
}
