package dev.rooms.cli;

import dev.rooms.sdk.MessageQuery;
import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Message;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rooms messages ROOM}: the history, and with {@code --follow} the live messages after it. */
@Command(name = "messages", description = {
        "Show a room's messages, oldest first.",
        "Filters combine; WHEN is a time ago (30m, 2h, 3d, 1w), a date (2026-12-01, local time) or a date and time "
                + "(2026-12-01T09:30 local, 2026-12-01T09:30:00Z).",
        "With --follow, keep printing new messages as they arrive until Ctrl-C (with --json: one object per line).",
})
final class MessagesCommand implements Callable<Integer> {

    private static final String GUTTER = "┆ ";

    private final Invocation invocation;

    @Parameters(paramLabel = "ROOM", description = RoomArgument.HELP)
    String room;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new messages until interrupted.")
    boolean follow;

    @Option(names = "--after", paramLabel = "ID", description = "Only messages with an id greater than ID.")
    Long after;

    @Option(names = {"-n", "--last"}, paramLabel = "N",
            description = "Only the last N (at most 1000) messages of the history.")
    Integer last;

    @Option(names = "--before", paramLabel = "ID",
            description = "Only messages with an id smaller than ID: the last 50 of them, or --last N.")
    Long before;

    @Option(names = "--since", paramLabel = "WHEN", converter = When.class,
            description = "Only messages from WHEN on.")
    Instant since;

    @Option(names = "--until", paramLabel = "WHEN", converter = When.class,
            description = "Only messages before WHEN.")
    Instant until;

    @Option(names = {"-s", "--search"}, paramLabel = "TEXT", description = "Only messages containing TEXT (any case).")
    String search;

    @Option(names = "--from", paramLabel = "USER", converter = UserArgument.Converter.class,
            description = "Only messages by USER: 'me' or a user id.")
    UserArgument from;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    MessagesCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (follow && (before != null || since != null || until != null || search != null || from != null)) {
            throw new ParameterException(spec.commandLine(), "--follow prints every new message; it cannot be "
                    + "combined with --before, --since, --until, --search or --from");
        }
        RoomsClient client = invocation.loggedInClient();
        MessageQuery query = query(client);
        long roomId = RoomArgument.id(client, room);
        if (!follow) {
            printHistory(history(client, roomId, query));
            return ExitCodes.OK;
        }
        return follow(client, roomId, query);
    }

    /**
     * {@code --last N} is the server's {@code limit}: the newest N. With {@code --after} too, the newest N that
     * are after it: the server's {@code after} with {@code limit} would be the oldest N instead, so the ids are
     * cut here (the newest N after ID are among the newest N).
     */
    private MessageQuery query(RoomsClient client) {
        CommandLine command = spec.commandLine();
        MessageQuery.Builder query = MessageQuery.builder();
        if (after != null && last == null) {
            Options.check(command, "--after", () -> query.after(after));
        }
        if (before != null) {
            Options.check(command, "--before", () -> query.before(before));
        }
        if (since != null) {
            query.since(since);
        }
        if (until != null) {
            query.until(until);
        }
        if (search != null) {
            Options.check(command, "--search", () -> query.search(search));
        }
        if (last != null) {
            Options.check(command, "--last", () -> query.limit(last));
        }
        if (from != null) {
            query.user(from.resolve(client));
        }
        try {
            return query.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command, e.getMessage());
        }
    }

    private List<Message> history(RoomsClient client, long roomId, MessageQuery query) {
        List<Message> messages;
        try {
            messages = client.rooms().messages(roomId, query);
        } catch (NotFoundException e) {
            throw RoomArgument.notFound(room);
        }
        if (after != null && last != null) {
            return messages.stream().filter(message -> message.id() > after).toList();
        }
        return messages;
    }

    private void printHistory(List<Message> messages) {
        Output output = invocation.output();
        if (output.json()) {
            output.printJson(messages);
            return;
        }
        Table table = new Table("ID", "TIME", "FROM", "MESSAGE");
        for (Message message : messages) {
            table.row(message.id(), Output.localTime(message.createdAt()), message.user().name(), message.content());
        }
        if (!table.isEmpty()) {
            output.print(table);
        }
    }

    private int follow(RoomsClient client, long roomId, MessageQuery query) throws InterruptedException {
        long start;
        if (last != null) {
            List<Message> recent = history(client, roomId, query);
            recent.forEach(this::printLive);
            start = recent.isEmpty() ? (after != null ? after : 0) : recent.get(recent.size() - 1).id();
        } else {
            start = after != null ? after : 0;
        }
        LiveRoom live = LiveRoom.open(client, roomId, start, this::printLive, invocation.err::println);
        // Ctrl-C ends the JVM; close the socket politely on the way out.
        Thread hook = new Thread(live::close, "rooms-close-connection");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            live.awaitClosed();
        } catch (InterruptedException e) {
            live.close();
        } finally {
            removeHook(hook);
        }
        return ExitCodes.OK;
    }

    private void printLive(Message message) {
        Output output = invocation.output();
        if (output.json()) {
            output.printJsonLine(message);
            return;
        }
        PrintWriter out = invocation.out;
        String head = Output.localTime(message.createdAt()) + "  " + TerminalText.line(message.user().name()) + ": ";
        // Continuation lines get a gutter under the ':' so none of them can pass for a message of its own.
        String gutter = "\n" + " ".repeat(Table.length(head) - GUTTER.length()) + GUTTER;
        out.println(head + TerminalText.text(message.content()).replace("\n", gutter));
        out.flush();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; nothing left to undo.
        }
    }
}
