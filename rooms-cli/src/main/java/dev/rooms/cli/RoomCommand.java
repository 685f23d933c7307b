package dev.rooms.cli;

import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rooms room list|create|show|update|delete}. */
@Command(name = "room", description = "List, create, show, change and delete rooms.",
        commandListHeading = "%nCommands:%n")
final class RoomCommand implements Callable<Integer> {

    private static final String ROOM_HELP = "Room id or name.";

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    RoomCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "list", description = "List the active rooms.")
    int list(@Mixin GlobalOptions options) {
        List<Room> rooms = invocation.loggedInClient().rooms().list();

        Output output = invocation.output();
        if (output.json()) {
            output.printJson(rooms);
            return ExitCodes.OK;
        }
        if (rooms.isEmpty()) {
            output.println("No rooms yet; create one with 'rooms room create NAME'.");
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "NAME", "TYPE", "CREATOR", "CREATED", "DESCRIPTION");
        for (Room room : rooms) {
            table.row(room.id(), room.name(), room.roomType().wireValue(), room.creator().name(),
                    Output.localTime(room.createdAt()), room.description());
        }
        output.print(table);
        return ExitCodes.OK;
    }

    @Command(name = "create", description = "Create a room.")
    int create(@Parameters(paramLabel = "NAME", description = "Room name (at most 100 characters).") String name,
               @Option(names = {"-d", "--description"}, description = "What the room is for.") String description,
               @Option(names = {"-t", "--type"}, defaultValue = "chat", paramLabel = "TYPE",
                       description = "chat (default) or video.") String type,
               @Mixin GlobalOptions options) {
        RoomType roomType;
        try {
            roomType = RoomType.fromWireValue(type);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.subcommands().get("create"), "--type: " + e.getMessage());
        }

        print(invocation.loggedInClient().rooms().create(name, description, roomType));
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show a room.")
    int show(@Parameters(paramLabel = "ROOM", description = ROOM_HELP) String room, @Mixin GlobalOptions options) {
        print(RoomArgument.find(invocation.loggedInClient(), room));
        return ExitCodes.OK;
    }

    @Command(name = "update", description = "Rename a room or change its description (its creator only).")
    int update(@Parameters(paramLabel = "ROOM", description = ROOM_HELP) String room,
               @Option(names = {"-n", "--name"}, description = "New name.") String name,
               @Option(names = {"-d", "--description"}, description = "New description.") String description,
               @Mixin GlobalOptions options) {
        if (name == null && description == null) {
            throw new ParameterException(spec.subcommands().get("update"),
                    "nothing to change: give --name or --description");
        }
        RoomsClient client = invocation.loggedInClient();
        long id = RoomArgument.id(client, room);

        Room updated;
        try {
            updated = client.rooms().update(id, name, description);
        } catch (NotFoundException e) {
            throw RoomArgument.notFound(room);
        }
        print(updated);
        return ExitCodes.OK;
    }

    @Command(name = "delete", description = "Delete a room (its creator only; asks first unless --yes).")
    int delete(@Parameters(paramLabel = "ROOM", description = ROOM_HELP) String room,
               @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.") boolean yes,
               @Mixin GlobalOptions options) {
        RoomsClient client = invocation.loggedInClient();
        long id;
        if (yes) {
            id = RoomArgument.id(client, room);
        } else {
            Room found = RoomArgument.find(client, room);
            id = found.id();
            invocation.confirm("Delete the room '" + found.name() + "' (#" + id + ") and its messages?",
                    "not deleting the room without confirmation; add --yes", "the room was kept");
        }

        try {
            client.rooms().delete(id);
        } catch (NotFoundException e) {
            throw RoomArgument.notFound(room);
        }
        if (!invocation.output().json()) {
            invocation.output().println("Deleted room " + id + ".");
        }
        return ExitCodes.OK;
    }

    private void print(Room room) {
        Output output = invocation.output();
        if (output.json()) {
            output.printJson(room);
            return;
        }
        output.printPairs(new Table("", "")
                .row("ID", room.id())
                .row("Name", room.name())
                .row("Type", room.roomType().wireValue())
                .row("Description", room.description())
                .row("Creator", room.creator().name() + " <" + room.creator().email() + ">")
                .row("Created", Output.localTime(room.createdAt())));
    }
}
