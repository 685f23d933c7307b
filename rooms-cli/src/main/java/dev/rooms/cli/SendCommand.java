package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.UnconfirmedSendException;
import dev.rooms.sdk.RateLimitedException;
import dev.rooms.sdk.ValidationException;
import dev.rooms.sdk.model.Message;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rooms send ROOM TEXT}: posts one message, or one per line of standard input. */
@Command(name = "send", description = {
        "Send a message to a room.",
        "Without TEXT (or with -), every non-blank line of standard input is sent as one message, in order.",
})
final class SendCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOM", description = RoomArgument.HELP)
    String room;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "TEXT",
            description = "The message; several words are joined with spaces. '-' or none: read standard input.")
    List<String> text = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the server to confirm each message (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    GlobalOptions global;

    SendCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        RoomsClient client = invocation.loggedInClient(Duration.ofSeconds(timeoutSeconds));
        long roomId = RoomArgument.id(client, room);
        boolean fromStdin = text.isEmpty() || text.equals(List.of("-"));
        List<Message> sent = new ArrayList<>();

        try (LiveRoom live = LiveRoom.open(client, roomId, null, message -> { }, invocation.err::println)) {
            if (fromStdin) {
                for (String line = invocation.readLine(); line != null; line = invocation.readLine()) {
                    if (!line.isBlank()) {
                        sent.add(confirmed(live, line, sent.size()));
                    }
                }
            } else {
                sent.add(confirmed(live, String.join(" ", text), 0));
            }
        }

        if (invocation.output().json()) {
            invocation.output().printJson(fromStdin ? sent : sent.get(0));
        }
        return ExitCodes.OK;
    }

    /** Sends and waits for the server's confirmation; a refused or unconfirmed message says which one it was. */
    private Message confirmed(LiveRoom live, String content, int confirmedBefore) {
        try {
            return live.connection().send(content).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ValidationException refused) {
                throw new CliException(ExitCodes.ERROR, "message " + (confirmedBefore + 1) + " ('"
                        + abbreviate(content) + "') not sent: " + refused.getMessage()
                        + (confirmedBefore > 0 ? " (the " + confirmedBefore + " before it were stored)" : ""));
            }
            if (e.getCause() instanceof RateLimitedException limited) {
                throw new CliException(ExitCodes.RATE_LIMITED, "message " + (confirmedBefore + 1) + " ('"
                        + abbreviate(content) + "') not sent: " + ErrorHandler.rateLimited(limited)
                        + (confirmedBefore > 0 ? " (the " + confirmedBefore + " before it were stored)" : ""));
            }
            if (e.getCause() instanceof UnconfirmedSendException unconfirmed) {
                throw new CliException(ExitCodes.UNCONFIRMED, "message " + (confirmedBefore + 1) + " ('"
                        + abbreviate(content) + "'): " + unconfirmed.getMessage()
                        + (confirmedBefore > 0 ? " (the " + confirmedBefore + " before it were stored)" : "")
                        + "; check with 'rooms messages " + room + " --last 5'");
            }
            throw e;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
