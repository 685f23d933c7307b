package dev.rooms.cli;

import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomQuery;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomType;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

    private static final String ROOM_HELP = RoomArgument.HELP;
    /** Rooms per request of {@code list --all} without {@code --limit}: few requests, small answers. */
    private static final int ALL_PAGE_SIZE = 200;

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

    @Command(name = "list", description = {"List the active rooms, oldest first.",
            "Filters combine. --limit N shows the first N; --all fetches every match page by page "
                    + "(with --json: one object per line, printed as the pages arrive)."})
    int list(@Option(names = {"-t", "--type"}, paramLabel = "TYPE", completionCandidates = RoomTypes.class,
                     description = "Only chat or video rooms.")
             String type,
             @Option(names = {"-s", "--search"}, paramLabel = "TEXT",
                     description = "Only rooms whose name or description contains TEXT (any case).") String search,
             @Option(names = "--mine", description = "Only rooms you created.") boolean mine,
             @Option(names = {"-n", "--limit"}, paramLabel = "N",
                     description = "At most N rooms; with --all, N per request (default " + ALL_PAGE_SIZE + ").")
             Integer limit,
             @Option(names = "--all", description = "Every matching room, fetched page by page.") boolean all,
             @Mixin GlobalOptions options) {
        RoomQuery query = roomQuery(type, search, mine, all && limit == null ? Integer.valueOf(ALL_PAGE_SIZE) : limit);
        RoomsClient client = invocation.loggedInClient();
        Output output = invocation.output();
        if (all && output.json()) {
            client.rooms().listAll(query).forEach(output::printJsonLine);
            return ExitCodes.OK;
        }
        List<Room> rooms = all ? client.rooms().listAll(query).toList() : client.rooms().list(query);

        if (output.json()) {
            output.printJson(rooms);
            return ExitCodes.OK;
        }
        if (rooms.isEmpty()) {
            boolean filtered = type != null || search != null || mine;
            output.println(filtered ? "No rooms match." : "No rooms yet; create one with 'rooms room create NAME'.");
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

    private RoomQuery roomQuery(String type, String search, boolean mine, Integer limit) {
        CommandLine list = spec.subcommands().get("list");
        RoomQuery.Builder query = RoomQuery.builder();
        if (type != null) {
            Options.check(list, "--type", () -> query.type(RoomType.fromWireValue(type)));
        }
        if (search != null) {
            Options.check(list, "--search", () -> query.search(search));
        }
        if (mine) {
            query.mine();
        }
        if (limit != null) {
            Options.check(list, "--limit", () -> query.limit(limit));
        }
        return query.build();
    }

    @Command(name = "create", description = "Create a room.")
    int create(@Parameters(paramLabel = "NAME", description = "Room name (at most 100 characters).") String name,
               @Option(names = {"-d", "--description"}, description = "What the room is for.") String description,
               @Option(names = {"-t", "--type"}, defaultValue = "chat", paramLabel = "TYPE",
                       completionCandidates = RoomTypes.class, description = "chat (default) or video.") String type,
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

    /** The values of {@code --type}, for completion. */
    static final class RoomTypes implements Iterable<String> {

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(RoomType.values()).map(RoomType::wireValue).iterator();
        }
    }
}
