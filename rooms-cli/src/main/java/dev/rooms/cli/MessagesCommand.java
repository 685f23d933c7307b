package dev.rooms.cli;

import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Message;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rooms messages ROOM}: the history, and with {@code --follow} the live messages after it. */
@Command(name = "messages", description = {
        "Show a room's messages, oldest first.",
        "With --follow, keep printing new messages as they arrive until Ctrl-C (with --json: one object per line).",
})
final class MessagesCommand implements Callable<Integer> {

    private static final String GUTTER = "┆ ";

    private final Invocation invocation;

    @Parameters(paramLabel = "ROOM", description = "Room id or name.")
    String room;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new messages until interrupted.")
    boolean follow;

    @Option(names = "--after", paramLabel = "ID", description = "Only messages with an id greater than ID.")
    Long after;

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "Only the last N messages of the history.")
    Integer last;

    @Mixin
    GlobalOptions global;

    MessagesCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws InterruptedException {
        RoomsClient client = invocation.loggedInClient();
        long roomId = RoomArgument.id(client, room);
        if (!follow) {
            printHistory(history(client, roomId));
            return ExitCodes.OK;
        }
        return follow(client, roomId);
    }

    private List<Message> history(RoomsClient client, long roomId) {
        List<Message> messages;
        try {
            messages = after != null ? client.rooms().listMessagesAfter(roomId, after)
                    : client.rooms().listMessages(roomId);
        } catch (NotFoundException e) {
            throw RoomArgument.notFound(room);
        }
        if (last != null && messages.size() > last) {
            return messages.subList(messages.size() - Math.max(0, last), messages.size());
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

    private int follow(RoomsClient client, long roomId) throws InterruptedException {
        long start;
        if (last != null) {
            List<Message> recent = history(client, roomId);
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
