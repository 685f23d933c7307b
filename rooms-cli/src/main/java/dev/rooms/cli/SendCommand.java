package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rooms send ROOM TEXT}: posts one message, or one per line of standard input. */
@Command(name = "send", description = {
        "Send a message to a room.",
        "Without TEXT (or with -), every non-blank line of standard input is sent as one message, in order.",
})
final class SendCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Parameters(index = "0", paramLabel = "ROOM", description = "Room id or name.")
    String room;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "TEXT",
            description = "The message; several words are joined with spaces. '-' or none: read standard input.")
    List<String> text = new ArrayList<>();

    @Mixin
    GlobalOptions global;

    SendCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws InterruptedException {
        RoomsClient client = invocation.loggedInClient();
        long roomId = RoomArgument.id(client, room);
        boolean fromStdin = text.isEmpty() || text.equals(List.of("-"));
        List<Message> sent = new ArrayList<>();

        try (LiveRoom live = LiveRoom.open(client, roomId, null, message -> { }, invocation.err::println)) {
            if (fromStdin) {
                for (String line = invocation.readLine(); line != null; line = invocation.readLine()) {
                    if (!line.isBlank()) {
                        sent.add(live.connection().send(line).join());
                    }
                }
            } else {
                sent.add(live.connection().send(String.join(" ", text)).join());
            }
        }

        if (invocation.output().json()) {
            invocation.output().printJson(fromStdin ? sent : sent.get(0));
        }
        return ExitCodes.OK;
    }
}
