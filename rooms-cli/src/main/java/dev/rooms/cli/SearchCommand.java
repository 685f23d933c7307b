package dev.rooms.cli;

import dev.rooms.sdk.MessageSearch;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.FoundMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.RoomSummary;
import dev.rooms.sdk.model.UserSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rooms search TEXT}: messages of every active room that contain a text, newest first. */
@Command(name = "search", description = {
        "Find messages containing TEXT (any case) in every active room, newest first.",
        "WHEN is a time ago (30m, 2h, 3d, 1w), a date (2026-12-01, local time) or a date and time.",
})
final class SearchCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "1..*", description = "The text to find; several words are one text.")
    List<String> words;

    @Option(names = {"-r", "--room"}, paramLabel = "ROOM", description = "Only in this room: " + RoomArgument.HELP)
    String room;

    @Option(names = "--from", paramLabel = "USER", converter = UserArgument.Converter.class,
            description = "Only messages by USER: 'me' or a user id.")
    UserArgument from;

    @Option(names = "--since", paramLabel = "WHEN", converter = When.class, description = "Only from WHEN on.")
    Instant since;

    @Option(names = "--until", paramLabel = "WHEN", converter = When.class, description = "Only before WHEN.")
    Instant until;

    @Option(names = {"-n", "--limit"}, paramLabel = "N",
            description = "At most N results (1 to 1000; default: the server's, 50).")
    Integer limit;

    @Mixin
    GlobalOptions global;

    SearchCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        RoomsClient client = invocation.loggedInClient();
        MessageSearch search = search(client);

        List<FoundMessage> found = client.messages().search(search);

        Output output = invocation.output();
        if (output.json()) {
            output.printJson(found.stream().map(Hit::of).toList());
            return ExitCodes.OK;
        }
        if (found.isEmpty()) {
            output.println("No messages found.");
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "TIME", "ROOM", "FROM", "MESSAGE");
        for (FoundMessage hit : found) {
            Message message = hit.message();
            table.row(message.id(), Output.localTime(message.createdAt()), hit.room().name(), message.user().name(),
                    message.content());
        }
        output.print(table);
        return ExitCodes.OK;
    }

    private MessageSearch search(RoomsClient client) {
        String text = String.join(" ", words);
        if (text.isBlank()) {
            throw new ParameterException(spec.commandLine(), "TEXT is blank");
        }
        MessageSearch.Builder search = MessageSearch.builder(text);
        if (limit != null) {
            Options.check(spec.commandLine(), "--limit", () -> search.limit(limit));
        }
        if (since != null) {
            search.since(since);
        }
        if (until != null) {
            search.until(until);
        }
        if (from != null) {
            search.user(from.resolve(client));
        }
        if (room != null) {
            search.room(RoomArgument.id(client, room));
        }
        try {
            return search.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** A search result as the API writes it: the message's fields and its {@code room}, for {@code --json}. */
    private record Hit(long id, UserSummary user, String content, Instant createdAt, RoomSummary room) {
        static Hit of(FoundMessage found) {
            Message message = found.message();
            return new Hit(message.id(), message.user(), message.content(), message.createdAt(), found.room());
        }
    }
}
