package dev.rooms.cli.shell;

import dev.rooms.sdk.model.Message;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * How the chat shell shows things: messages with local timestamps and a colour per author, the user's own
 * messages marked with {@code »}, notices and errors. Continuation lines of multi-line messages are indented
 * under the text. Without colour every style is plain.
 */
final class ChatFormat {

    private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EARLIER = DateTimeFormatter.ofPattern("MMM d HH:mm");
    private static final int[] PALETTE = {
            AttributedStyle.CYAN, AttributedStyle.GREEN, AttributedStyle.YELLOW,
            AttributedStyle.MAGENTA, AttributedStyle.BLUE, AttributedStyle.RED,
    };

    private final long myId;
    private final boolean colour;
    private final ZoneId zone;

    ChatFormat(long myId, boolean colour, ZoneId zone) {
        this.myId = myId;
        this.colour = colour;
        this.zone = zone;
    }

    AttributedString message(Message message) {
        boolean own = message.user().id() == myId;
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.styled(style(AttributedStyle.DEFAULT.faint()), time(message.createdAt()));
        line.append(own ? " » " : "   ");
        line.styled(style(own ? AttributedStyle.BOLD : AttributedStyle.BOLD.foreground(colourOf(message.user().id()))),
                message.user().name());
        line.append(": ");
        int indent = line.columnLength();
        String[] lines = message.content().split("\r?\n", -1);
        line.append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            line.append("\n").append(" ".repeat(indent)).append(lines[i]);
        }
        return line.toAttributedString();
    }

    AttributedString notice(String text) {
        return new AttributedStringBuilder()
                .styled(style(AttributedStyle.DEFAULT.faint().italic()), "-- " + text)
                .toAttributedString();
    }

    AttributedString error(String text) {
        return new AttributedStringBuilder()
                .styled(style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)), "!! " + text)
                .toAttributedString();
    }

    AttributedString plain(String text) {
        return new AttributedString(text);
    }

    AttributedString prompt(String roomName) {
        return new AttributedStringBuilder()
                .styled(style(AttributedStyle.BOLD), roomName)
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
