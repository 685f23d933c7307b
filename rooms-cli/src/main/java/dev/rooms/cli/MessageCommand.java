package dev.rooms.cli;

import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.EditedMessage;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rooms message edit|delete}: change or remove one message. The API addresses a message within its room,
 * so {@code --room} is required; a message id of another room is not found.
 */
@Command(name = "message", description = "Edit or delete one message.", commandListHeading = "%nCommands:%n")
final class MessageCommand implements Callable<Integer> {

    private static final String ROOM_HELP = "The message's room: " + RoomArgument.HELP;

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    MessageCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "edit", description = "Replace the text of one of your messages.")
    int edit(@Parameters(index = "0", paramLabel = "ID", description = "The message id.") long id,
             @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT",
                     description = "The new text; several words are joined with spaces.") List<String> text,
             @Option(names = {"-r", "--room"}, required = true, paramLabel = "ROOM", description = ROOM_HELP)
             String room,
             @Mixin GlobalOptions options) {
        RoomsClient client = invocation.loggedInClient();
        long roomId = RoomArgument.id(client, room);
        EditedMessage edited;
        try {
            edited = client.rooms().edit(roomId, id, String.join(" ", text));
        } catch (NotFoundException e) {
            throw notFound(id, room);
        }

        Output output = invocation.output();
        if (output.json()) {
            output.printJson(Edited.of(edited));
            return ExitCodes.OK;
        }
        output.printPairs(new Table("", "")
                .row("ID", edited.message().id())
                .row("From", edited.message().user().name())
                .row("Created", Output.localTime(edited.message().createdAt()))
                .row("Edited", Output.localTime(edited.editedAt()))
                .row("Message", edited.message().content()));
        return ExitCodes.OK;
    }

    @Command(name = "delete", description = "Delete a message: your own, or any in a room you created.")
    int delete(@Parameters(paramLabel = "ID", description = "The message id.") long id,
               @Option(names = {"-r", "--room"}, required = true, paramLabel = "ROOM", description = ROOM_HELP)
               String room,
               @Mixin GlobalOptions options) {
        RoomsClient client = invocation.loggedInClient();
        long roomId = RoomArgument.id(client, room);
        try {
            client.rooms().deleteMessage(roomId, id);
        } catch (NotFoundException e) {
            throw notFound(id, room);
        }
        if (!invocation.output().json()) {
            invocation.output().println("Deleted message " + id + ".");
        }
        return ExitCodes.OK;
    }

    /** The server answers the same 404 for a missing room and a message that is not in it. */
    private static CliException notFound(long id, String room) {
        return new CliException(ExitCodes.NOT_FOUND, "no message " + id + " in room '" + room + "'");
    }

    /** The {@code --json} shape: the message as the history shows it, plus when it was edited (as the server). */
    private record Edited(long id, UserSummary user, String content, Instant createdAt, Instant editedAt) {

        static Edited of(EditedMessage edited) {
            return new Edited(edited.message().id(), edited.message().user(), edited.message().content(),
                    edited.message().createdAt(), edited.editedAt());
        }
    }
}
