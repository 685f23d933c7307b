package dev.rooms.cli;

import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Presence;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rooms who ROOM}: who is connected to a room now, earliest arrival first. */
@Command(name = "who", description = {
        "Show who is connected to a room now (on every server process), earliest arrival first.",
        "With -q only the user ids, one per line.",
})
final class WhoCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Parameters(paramLabel = "ROOM", description = RoomArgument.HELP)
    String room;

    @Mixin
    GlobalOptions global;

    WhoCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        RoomsClient client = invocation.loggedInClient();
        long roomId = RoomArgument.id(client, room);
        List<Presence> present;
        try {
            present = client.rooms().presence(roomId);
        } catch (NotFoundException e) {
            throw RoomArgument.notFound(room);
        }

        Output output = invocation.output();
        if (output.json()) {
            output.printJson(present);
            return ExitCodes.OK;
        }
        if (present.isEmpty()) {
            output.println("Nobody is connected to this room now.");
            return ExitCodes.OK;
        }
        // The ID column is what -q prints; names and emails are the users' own text, neutralised by the table.
        Table table = new Table("ID", "NAME", "EMAIL", "CONNECTIONS", "SINCE");
        for (Presence presence : present) {
            table.row(presence.user().id(), presence.user().name(), presence.user().email(), presence.connections(),
                    Output.localTime(presence.since()));
        }
        output.print(table);
        return ExitCodes.OK;
    }
}
