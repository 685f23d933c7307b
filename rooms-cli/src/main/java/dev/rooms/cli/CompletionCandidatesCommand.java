package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.RoomsException;
import dev.rooms.sdk.model.Room;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rooms __complete rooms}: the room names, one per line, for the completion scripts. Hidden; prints nothing
 * and succeeds when not logged in or offline, since a TAB must never print an error into the command line.
 */
@Command(name = "__complete", hidden = true, description = "Print completion candidates (for the completion scripts).")
final class CompletionCandidatesCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Parameters(paramLabel = "WHAT", description = "rooms: the active rooms' names.")
    String what;

    @Mixin
    GlobalOptions global;

    CompletionCandidatesCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        if (!"rooms".equals(what)) {
            return ExitCodes.OK;
        }
        PrintWriter out = invocation.out;
        try {
            RoomsClient client = invocation.client();
            if (client.tokenStore().load().isEmpty()) {
                return ExitCodes.OK;
            }
            for (Room room : client.rooms().list()) {
                // A name with a line break would split into two candidates; the shell shows it neutralised anyway.
                out.println(TerminalText.line(room.name()));
            }
        } catch (RoomsException | UncheckedIOException | CliException offlineOrNotLoggedIn) {
            // nothing to offer
        }
        out.flush();
        return ExitCodes.OK;
    }
}
