package dev.rooms.cli.shell;

import dev.rooms.cli.TerminalText;
import dev.rooms.sdk.MessageQuery;
import dev.rooms.sdk.MessageSearch;
import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.Rooms;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.FoundMessage;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.HistoryMessage;
import dev.rooms.sdk.model.Presence;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.User;
import dev.rooms.sdk.model.UserSummary;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jline.keymap.KeyMap;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * {@code rooms chat}: one {@link LineReader} loop owns the terminal. Messages, notices and connection status
 * arriving on the SDK's threads are printed with {@link LineReader#printAbove}, so the line being typed stays
 * intact below them. Enter sends; Alt+Enter inserts a line break; a bracketed paste of several lines becomes one
 * message. Lines starting with {@code /} are commands ({@code //} sends a literal slash).
 */
public final class ChatShell {

    private static final int HISTORY_ON_JOIN = 20;
    /** Messages read at join to learn who is who: enough to name most callers, still one small request. */
    private static final int NAMES_FROM_HISTORY = 200;
    /** Matches {@code /search} shows: enough to find something, few enough to stay on one screen. */
    private static final int SEARCH_RESULTS = 20;
    private static final List<String> COMMANDS = List.of("/help", "/quit", "/rooms", "/join", "/history", "/older",
            "/search", "/who", "/edit", "/delete");
    /**
     * How often the shell tells the room its user is typing, at most: as often as the server relays it, so
     * others keep seeing it while the user types on, without a frame per key press.
     */
    private static final Duration TYPING_EVERY = Duration.ofSeconds(3);
    private static final String STATUS_WIDGET = "rooms-status";
    /** {@code /edit 42 TEXT} or {@code /edit #42 TEXT}: a message id first, then the text. */
    private static final Pattern EDIT_BY_ID = Pattern.compile("#?(\\d{1,18})\\s+(.+)", Pattern.DOTALL);
    private static final Pattern MESSAGE_ID = Pattern.compile("#?(\\d{1,18})");

    private final RoomsClient client;
    private final User me;
    private final Function<String, Room> rooms;
    private final Path historyFile;
    private final ChatFormat format;
    private LineReader reader;
    private volatile RoomSession session;
    /** The terminal's status line under the input line, or {@code null} where the terminal cannot keep one. */
    private Status status;
    /** The status changed while no line was being read; it is drawn when the next one starts. */
    private volatile boolean statusStale;
    /** Where expired typing is taken off the status line. */
    private ScheduledExecutorService statusTimer;
    private Instant typingAnnounced = Instant.MIN;
    /** The id of the oldest stored message shown in this room, where {@code /older} goes on; 0 before any. */
    private long oldestShown;

    /**
     * Creates a shell.
     *
     * @param client      a logged-in client
     * @param me          the logged-in user, whose messages are set apart
     * @param rooms       resolves a {@code /join} argument (room id or name) to a room; throws if there is none
     * @param historyFile where typed lines are kept between runs (created owner-only)
     * @param colour      whether to use colour
     */
    public ChatShell(RoomsClient client, User me, Function<String, Room> rooms, Path historyFile, boolean colour) {
        this.client = Objects.requireNonNull(client, "client == null");
        this.me = Objects.requireNonNull(me, "me == null");
        this.rooms = Objects.requireNonNull(rooms, "rooms == null");
        this.historyFile = Objects.requireNonNull(historyFile, "historyFile == null");
        this.format = new ChatFormat(me.id(), colour, ZoneId.systemDefault());
    }

    /**
     * Runs the shell on {@code terminal} in {@code room} until the user leaves (Ctrl-D, Ctrl-C on an empty line or
     * {@code /quit}; Ctrl-C on a half-typed line clears it),
     * then closes the connection and the terminal.
     *
     * @param terminal the terminal to own
     * @param room     the room to join first
     * @throws IOException if the history file cannot be prepared
     */
    public void run(Terminal terminal, Room room) throws IOException {
        statusTimer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rooms-chat-status");
            thread.setDaemon(true);
            return thread;
        });
        try (terminal) {
            reader = newReader(terminal);
            if (canKeepStatusLine(terminal)) {
                status = Status.getStatus(terminal);
            }
            print(format.notice("Hello " + me.name() + ". Enter sends, Alt+Enter adds a line, /help lists commands,"
                    + " Ctrl-C clears the line, Ctrl-D leaves."));
            try {
                join(room);
                loop();
            } finally {
                statusTimer.shutdownNow();
                if (status != null) {
                    // Leaves no stale "is typing" under the shell's last line; closing the terminal then gives the
                    // status line's row back to the scrolling region.
                    status.update(List.of());
                }
            }
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    /**
     * Whether JLine's {@link Status} can keep a line under the input line here: it shrinks the scrolling region
     * and moves the cursor there and back, which a dumb terminal cannot do (where the typing status is not shown).
     */
    private static boolean canKeepStatusLine(Terminal terminal) {
        return Stream.of(InfoCmp.Capability.change_scroll_region, InfoCmp.Capability.save_cursor,
                        InfoCmp.Capability.restore_cursor, InfoCmp.Capability.cursor_address)
                .allMatch(capability -> terminal.getStringCapability(capability) != null);
    }

    /**
     * Creates the history file owner-only unless it exists. Creating and failing when it exists is one atomic step,
     * so of several shells starting at once one creates it and the others use it.
     */
    static void createHistoryFile(Path historyFile) throws IOException {
        try {
            Files.createFile(historyFile, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException alreadyThere) {
            // Created before, or by another shell just now: either way it is there to use.
        }
    }

    private LineReader newReader(Terminal terminal) throws IOException {
        createHistoryFile(historyFile);
        LineReader lineReader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("rooms")
                // Chat text is not shell syntax: no quotes, escapes or !history expansion.
                .parser(new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                // A sent line comes back as the server's broadcast, marked as ours; left on the screen as typed too,
                // every message of one's own would show twice.
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P ")
                .completer((r, line, candidates) -> {
                    if (line.wordIndex() == 0 && line.word().startsWith("/")) {
                        COMMANDS.forEach(command -> candidates.add(new Candidate(command)));
                    } else if (line.wordIndex() == 1 && "/join".equals(line.words().get(0))) {
                        client.rooms().list().forEach(r2 -> candidates.add(new Candidate(completion(r2))));
                    }
                })
                .build();
        lineReader.getWidgets().put("rooms-insert-newline", () -> {
            lineReader.getBuffer().write("\n");
            return true;
        });
        lineReader.getKeyMaps().get(LineReader.MAIN)
                .bind(new Reference("rooms-insert-newline"), KeyMap.alt('\r'), KeyMap.alt('\n'));
        // PageUp scrolls back like /older; the widget runs on this loop's thread, as commands do.
        lineReader.getWidgets().put("rooms-older", () -> {
            command("/older");
            return true;
        });
        lineReader.getKeyMaps().get(LineReader.MAIN)
                .bind(new Reference("rooms-older"), KeyMap.key(terminal, InfoCmp.Capability.key_ppage));
        // Typing is a key that inserts a character: the key maps bind every printable key to self-insert by name,
        // so wrapping that widget sees each one (and no cursor movement, deletion or paste).
        Widget selfInsert = lineReader.getBuiltinWidgets().get(LineReader.SELF_INSERT);
        lineReader.getWidgets().put(LineReader.SELF_INSERT, () -> {
            boolean inserted = selfInsert.apply();
            announceTyping(lineReader.getBuffer().toString());
            return inserted;
        });
        // Drawn under the reader's lock (callWidget takes it), so never in the middle of its own redrawing.
        lineReader.getWidgets().put(STATUS_WIDGET, () -> {
            drawStatus();
            lineReader.callWidget(LineReader.REDISPLAY);
            return true;
        });
        return lineReader;
    }

    /** Tells the room this user is typing a message (not a command), at most once every {@link #TYPING_EVERY}. */
    private void announceTyping(String buffer) {
        if (buffer.startsWith("/") && !buffer.startsWith("//")) {
            return;
        }
        Instant now = Instant.now();
        if (now.isBefore(typingAnnounced.plus(TYPING_EVERY))) {
            return;
        }
        typingAnnounced = now;
        session.typing();
    }

    /**
     * Someone started or stopped typing (on the SDK's callback thread): redraws the status line now, and again
     * once this typing has expired.
     */
    private void typingChanged() {
        redrawStatus();
        try {
            statusTimer.schedule(this::redrawStatus, TypingStatus.SHOWN_FOR.toMillis() + 100, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException leaving) {
            // The shell is closing; nothing is drawn any more.
        }
    }

    private void redrawStatus() {
        if (status == null) {
            return;
        }
        statusStale = true;
        if (reader.isReading()) {
            try {
                reader.callWidget(STATUS_WIDGET);
            } catch (IllegalStateException notReading) {
                // The line was finished just now; the loop draws the status before reading the next one.
            }
        }
    }

    /** Draws who is typing on the status line: from a widget under the reader's lock, or from the loop. */
    private void drawStatus() {
        statusStale = false;
        List<String> typing = session.typingNames();
        status.update(typing.isEmpty() ? List.of() : List.of(format.typing(typing)));
    }

    /** A room's name to complete {@code /join} with, or its {@code #id} when the name holds characters not shown. */
    private static String completion(Room room) {
        return TerminalText.line(room.name()).equals(room.name()) ? room.name() : "#" + room.id();
    }

    private void loop() {
        while (true) {
            if (statusStale) {
                drawStatus();
            }
            String line;
            try {
                // '%' starts JLine's prompt escapes (%N, %P, %{...%}); a room name's own is doubled to stay text.
                line = reader.readLine(format.prompt(session.room().name()).toAnsi(reader.getTerminal())
                        .replace("%", "%%"));
            } catch (UserInterruptException interrupted) {
                // As in a shell: Ctrl-C throws the half-typed line away; on an empty line it leaves.
                if (interrupted.getPartialLine().isEmpty()) {
                    break;
                }
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("/") && !line.startsWith("//")) {
                if (!command(line.strip())) {
                    break;
                }
            } else {
                session.send(line.startsWith("//") ? line.substring(1) : line);
            }
        }
        print(format.notice("left " + session.room().name()));
    }

    /** Runs a slash command; {@code false} means leave. */
    private boolean command(String line) {
        int space = line.indexOf(' ');
        String name = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        try {
            switch (name) {
                case "/quit", "/exit" -> {
                    return false;
                }
                case "/help" -> help();
                case "/rooms" -> listRooms();
                case "/join" -> {
                    if (argument.isEmpty()) {
                        print(format.error("usage: /join ROOM (a room id or name)"));
                    } else {
                        Room next = rooms.apply(argument);
                        session.close();
                        join(next);
                    }
                }
                case "/history" -> history(argument);
                case "/older" -> older(argument);
                case "/search" -> search(argument);
                case "/who" -> who();
                case "/edit" -> edit(argument);
                case "/delete" -> delete(argument);
                default -> print(format.error("unknown command " + name + "; /help lists the commands"));
            }
        } catch (RuntimeException e) {
            print(format.error(e.getMessage()));
        }
        return true;
    }

    private void join(Room room) {
        List<HistoryMessage> history = client.rooms().messagesWithEdits(room.id(),
                MessageQuery.builder().limit(NAMES_FROM_HISTORY).build());
        RoomSession next = new RoomSession(room, me.id(), format, this::print, this::typingChanged);
        next.learn(history.stream().map(HistoryMessage::message).toList());
        print(format.notice("joined " + room.name() + (room.description().isBlank() ? "" : ": " + room.description())));
        List<HistoryMessage> shown = history.subList(Math.max(0, history.size() - HISTORY_ON_JOIN), history.size());
        shown.forEach(next::show);
        session = next;
        oldestShown = shown.isEmpty() ? 0 : shown.get(0).message().id();
        typingAnnounced = Instant.MIN;
        redrawStatus();
        next.connect(client, history.isEmpty() ? 0 : history.get(history.size() - 1).message().id());
    }

    private void help() {
        for (String line : List.of(
                "/rooms          list the rooms",
                "/join ROOM      switch to another room (id or name)",
                "/history [N]    show the last N messages (default 20)",
                "/older [N]      show the N messages before the oldest shown (default 20; or PageUp)",
                "/search TEXT    show the last 20 messages of this room that contain TEXT",
                "/who            who is connected to this room now",
                "/edit [ID] TEXT replace the text of your last message here (or of message ID)",
                "/delete [ID]    delete your last message here (or message ID: yours, or any in a room you created)",
                "/quit           leave (or Ctrl-D, or Ctrl-C on an empty line; Ctrl-C clears a half-typed line)",
                "Enter sends, Alt+Enter (Esc Enter) starts a new line, a pasted block is one message;",
                "start a message with // to send a leading /.")) {
            print(format.plain(line));
        }
    }

    private void listRooms() {
        for (Room room : client.rooms().list()) {
            String marker = room.id() == session.room().id() ? "* " : "  ";
            print(format.plain(marker + "#" + room.id() + " " + room.name() + " (" + room.roomType().wireValue() + ")"
                    + (room.description().isBlank() ? "" : " - " + room.description())));
        }
    }

    private void history(String argument) {
        Integer count = count(argument, "/history");
        if (count == null) {
            return;
        }
        List<HistoryMessage> last = client.rooms().messagesWithEdits(session.room().id(),
                MessageQuery.builder().limit(count).build());
        last.forEach(session::show);
        if (!last.isEmpty()) {
            long oldest = last.get(0).message().id();
            oldestShown = oldestShown == 0 ? oldest : Math.min(oldestShown, oldest);
        }
    }

    private void older(String argument) {
        Integer count = count(argument, "/older");
        if (count == null) {
            return;
        }
        if (oldestShown == 0) {
            print(format.notice("no older messages in " + session.room().name()));
            return;
        }
        List<HistoryMessage> page = client.rooms().messagesWithEdits(session.room().id(),
                MessageQuery.builder().before(oldestShown).limit(count).build());
        if (page.isEmpty()) {
            print(format.notice("no messages in " + session.room().name() + " before the ones shown"));
            return;
        }
        print(format.notice(page.size() + " older message" + (page.size() == 1 ? "" : "s") + ":"));
        page.forEach(session::show);
        oldestShown = page.get(0).message().id();
    }

    private void search(String text) {
        if (text.isEmpty()) {
            print(format.error("usage: /search TEXT"));
            return;
        }
        List<FoundMessage> found = client.messages().search(MessageSearch.builder(text).room(session.room().id())
                .limit(SEARCH_RESULTS).build());
        if (found.isEmpty()) {
            print(format.notice("no message in " + session.room().name() + " contains '" + text + "'"));
            return;
        }
        print(format.notice(found.size() + (found.size() == SEARCH_RESULTS ? " newest" : "") + " message"
                + (found.size() == 1 ? "" : "s") + " with '" + text + "':"));
        // The server answers newest first; shown oldest first, like the rest of the conversation.
        for (int i = found.size() - 1; i >= 0; i--) {
            // Search results carry no edit time, so an edited one shows without its mark.
            session.show(new HistoryMessage(found.get(i).message(), null));
        }
    }

    /** The N of {@code /history [N]} and {@code /older [N]}, or {@code null} after printing the usage. */
    private Integer count(String argument, String command) {
        if (argument.isEmpty()) {
            return HISTORY_ON_JOIN;
        }
        int count;
        try {
            count = Integer.parseInt(argument);
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count < 1 || count > Rooms.MAX_LIMIT) {
            print(format.error("usage: " + command + " [N], N from 1 to " + Rooms.MAX_LIMIT));
            return null;
        }
        return count;
    }

    private void who() {
        if (!session.isOpen()) {
            print(format.notice("not connected; who was here when the connection was lost:"));
        }
        List<Presence> present = session.present();
        if (present.isEmpty()) {
            print(format.plain("nobody is connected to " + session.room().name()));
            return;
        }
        for (Presence presence : present) {
            UserSummary user = presence.user();
            print(format.plain("  " + user.name() + " <" + user.email() + ">" + (user.id() == me.id() ? " (you)" : "")
                    + ", here since " + format.time(presence.since())
                    + (presence.connections() > 1 ? ", " + presence.connections() + " connections" : "")));
        }
    }

    /** {@code /edit TEXT} edits this user's last message in the room, {@code /edit ID TEXT} message ID. */
    private void edit(String argument) {
        if (argument.isEmpty()) {
            print(format.error("usage: /edit [ID] TEXT (without ID your last message here)"));
            return;
        }
        Matcher byId = EDIT_BY_ID.matcher(argument);
        boolean withId = byId.matches();
        OptionalLong id = withId ? OptionalLong.of(Long.parseLong(byId.group(1))) : lastOwnMessage("edit");
        String text = withId ? byId.group(2) : argument;
        if (id.isEmpty()) {
            return;
        }
        try {
            EditedMessage edited = client.rooms().edit(session.room().id(), id.getAsLong(), text);
            if (!session.isOpen()) {
                // Otherwise the edit is shown when the room's message-updated event comes back, as to everyone.
                print(format.message(edited.message(), true));
            }
        } catch (NotFoundException e) {
            print(format.error("no message " + id.getAsLong() + " in " + session.room().name()));
        }
    }

    /** {@code /delete} deletes this user's last message in the room, {@code /delete ID} message ID. */
    private void delete(String argument) {
        Matcher given = MESSAGE_ID.matcher(argument);
        if (!argument.isEmpty() && !given.matches()) {
            print(format.error("usage: /delete [ID] (without ID your last message here)"));
            return;
        }
        OptionalLong id = argument.isEmpty() ? lastOwnMessage("delete")
                : OptionalLong.of(Long.parseLong(given.group(1)));
        if (id.isEmpty()) {
            return;
        }
        try {
            client.rooms().deleteMessage(session.room().id(), id.getAsLong());
            if (!session.isOpen()) {
                print(format.event("message " + id.getAsLong() + " deleted"));
            }
        } catch (NotFoundException e) {
            print(format.error("no message " + id.getAsLong() + " in " + session.room().name()));
        }
    }

    /** This user's last message in the room, or empty after saying there is none. */
    private OptionalLong lastOwnMessage(String verb) {
        OptionalLong last = session.lastOwnMessage();
        if (last.isEmpty()) {
            print(format.error("no message of yours in " + session.room().name() + " to " + verb
                    + "; /" + verb + " ID names one"));
        }
        return last;
    }

    private void print(AttributedString text) {
        reader.printAbove(text);
    }
}
