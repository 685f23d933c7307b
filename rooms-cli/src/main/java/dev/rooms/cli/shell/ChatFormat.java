package dev.rooms.cli.shell;

import dev.rooms.cli.TerminalText;
import dev.rooms.sdk.model.Message;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * How the chat shell shows things: messages with local timestamps and a colour per author, the user's own
 * messages marked with {@code »}, notices and errors. Without colour every style is plain.
 *
 * <p>Everything shown goes through {@link TerminalText}: names, notices and errors on one line, a message's
 * content with its own line breaks. Continuation lines of a multi-line message carry a {@code ┆} gutter under
 * the {@code :} after the name, with their text aligned under the first line's, so none of them can pass for a
 * message of its own (those start with a time). The gutter is not one of the box-drawing characters JLine turns
 * into the terminal's line-drawing character set, which some terminals and fonts show as letters.
 */
final class ChatFormat {

    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("MMM d HH:mm");
    private static final int[] PALETTE = {
            AttributedStyle.CYAN, AttributedStyle.GREEN, AttributedStyle.YELLOW,
            AttributedStyle.MAGENTA, AttributedStyle.BLUE, AttributedStyle.RED,
    };

    private static final String GUTTER = "┆ ";

    private final long myId;
    private final boolean colour;
    private final ZoneId zone;

    ChatFormat(long myId, boolean colour, ZoneId zone) {
        this.myId = myId;
        this.colour = colour;
        this.zone = zone;
    }

    AttributedString message(Message message) {
        return message(message, false);
    }

    /** A message; an edited one ends with a faint {@code (edited)}, after its last line. */
    AttributedString message(Message message, boolean edited) {
        boolean own = message.user().id() == myId;
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.styled(style(AttributedStyle.DEFAULT.faint()), time(message.createdAt()));
        line.append(own ? " » " : "   ");
        line.styled(style(own ? AttributedStyle.BOLD : AttributedStyle.BOLD.foreground(colourOf(message.user().id()))),
                TerminalText.line(message.user().name()));
        line.append(": ");
        String gutter = " ".repeat(line.columnLength() - GUTTER.length()) + GUTTER;
        String[] lines = TerminalText.text(message.content()).split("\n", -1);
        line.append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            line.append("\n").styled(style(AttributedStyle.DEFAULT.faint()), gutter).append(lines[i]);
        }
        if (edited) {
            line.styled(style(AttributedStyle.DEFAULT.faint()), " (edited)");
        }
        return line.toAttributedString();
    }

    /**
     * Something that happened in the room (someone joined or left, a message was deleted), set apart from the
     * shell's own notices; {@code text} may hold names, it is shown on one line.
     */
    AttributedString event(String text) {
        return new AttributedStringBuilder()
                .styled(style(AttributedStyle.DEFAULT.faint().italic()), "* " + TerminalText.line(text))
                .toAttributedString();
    }

    /** The status line naming who is typing, oldest first; empty when nobody is. */
    AttributedString typing(List<String> names) {
        String who = switch (names.size()) {
            case 0 -> "";
            case 1 -> names.get(0) + " is typing…";
            case 2 -> names.get(0) + " and " + names.get(1) + " are typing…";
            case 3 -> names.get(0) + ", " + names.get(1) + " and " + names.get(2) + " are typing…";
            default -> names.size() + " people are typing…";
        };
        return new AttributedStringBuilder()
                .styled(style(AttributedStyle.DEFAULT.faint().italic()), TerminalText.line(who))
                .toAttributedString();
    }

    /** A notice; {@code text} may hold names and other text from the server, it is shown on one line. */
    AttributedString notice(String text) {
        return new AttributedStringBuilder()
                .styled(style(AttributedStyle.DEFAULT.faint().italic()), "-- " + TerminalText.line(text))
                .toAttributedString();
    }

    /** An error; {@code text} may hold the server's detail, it is shown on one line. */
    AttributedString error(String text) {
        return new AttributedStringBuilder()
                .styled(style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)), "!! " + TerminalText.line(text))
                .toAttributedString();
    }

    /** A line of output ({@code /rooms}, {@code /who}, {@code /help}), shown on one line. */
    AttributedString plain(String text) {
        return new AttributedString(TerminalText.line(text));
    }

    AttributedString prompt(String roomName) {
        return new AttributedStringBuilder()
                .styled(style(AttributedStyle.BOLD), TerminalText.line(roomName))
                .append("> ")
                .toAttributedString();
    }

    String time(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return (local.toLocalDate().equals(LocalDate.now(zone)) ? TODAY : EARLIER).format(local);
    }

    private int colourOf(long userId) {
        return PALETTE[(int) Math.floorMod(userId * 7919, PALETTE.length)];
    }

    private AttributedStyle style(AttributedStyle style) {
        return colour ? style : AttributedStyle.DEFAULT;
    }
}
