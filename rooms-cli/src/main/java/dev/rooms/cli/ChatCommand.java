package dev.rooms.cli;

import dev.rooms.cli.shell.ChatShell;
import dev.rooms.sdk.RoomsClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rooms chat ROOM}: the interactive chat shell. */
@Command(name = "chat", description = {
        "Chat live in a room. Enter sends, Alt+Enter starts a new line, a pasted block is one message.",
        "Type /help inside for the slash commands; Ctrl-D or /quit leaves.",
})
final class ChatCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Parameters(paramLabel = "ROOM", description = RoomArgument.HELP)
    String room;

    @Mixin
    GlobalOptions global;

    ChatCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws Exception {
        RoomsClient client = invocation.loggedInClient();
        var start = RoomArgument.find(client, room);
        var me = client.auth().profile();
        Configuration config = invocation.configuration();
        config.createDirectory();

        ChatShell shell = new ChatShell(client, me, argument -> RoomArgument.find(client, argument),
                config.historyFile(), invocation.environment.variable("NO_COLOR") == null);
        shell.run(invocation.environment.terminals().open(), start);
        return ExitCodes.OK;
    }
}
