package dev.rooms.cli;

import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RateLimitedException;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.ValidationException;
import dev.rooms.sdk.model.Message;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rooms send ROOM TEXT}: posts one message, or one per line of standard input, over REST: nothing here needs
 * a live connection, and a post that got no answer is sent again with the same idempotency key.
 */
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
            description = "How long to wait for the server's answer to each request (default: ${DEFAULT-VALUE}); "
                    + "a request without one is sent twice more, so a message takes at most about 3x as long.")
    int timeoutSeconds;

    @Mixin
    GlobalOptions global;

    SendCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        if (timeoutSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
        }
        RoomsClient client = invocation.loggedInClient(Duration.ofSeconds(timeoutSeconds));
        long roomId = RoomArgument.id(client, room);
        boolean fromStdin = text.isEmpty() || text.equals(List.of("-"));
        List<Message> sent = new ArrayList<>();

        if (fromStdin) {
            for (String line = invocation.readLine(); line != null; line = invocation.readLine()) {
                if (!line.isBlank()) {
                    sent.add(posted(client, roomId, line, sent.size()));
                }
            }
        } else {
            sent.add(posted(client, roomId, String.join(" ", text), 0));
        }

        if (invocation.output().json()) {
            invocation.output().printJson(fromStdin ? sent : sent.get(0));
        }
        return ExitCodes.OK;
    }

    /**
     * Posts over REST: the SDK sends a fresh {@code Idempotency-Key} and repeats a request that got no answer with
     * the same key, so a retry cannot post twice. A refused or unanswered message says which one it was.
     */
    private Message posted(RoomsClient client, long roomId, String content, int postedBefore) {
        String which = "message " + (postedBefore + 1) + " ('" + abbreviate(content) + "')";
        String stored = postedBefore > 0 ? " (the " + postedBefore + " before it were stored)" : "";
        try {
            return client.rooms().post(roomId, content);
        } catch (ValidationException refused) {
            throw new CliException(ExitCodes.ERROR, which + " not sent: " + reason(refused) + stored);
        } catch (RateLimitedException limited) {
            throw new CliException(ExitCodes.RATE_LIMITED,
                    which + " not sent: " + ErrorHandler.rateLimited(limited) + stored);
        } catch (NotFoundException e) {
            throw RoomArgument.notFound(room);
        } catch (TransportException failed) {
            if (failed.getCause() instanceof ConnectException) {
                // Refused on the last attempt: most likely nothing got through; the usual "cannot reach" line.
                throw failed;
            }
            throw new CliException(ExitCodes.UNCONFIRMED, which + ": no answer from the server within "
                    + timeoutSeconds + (timeoutSeconds == 1 ? " second" : " seconds")
                    + "; it may or may not have been stored" + stored
                    + "; check with 'rooms messages " + room + " --last 5'");
        }
    }

    /** The server's words without the field name: there is only one field, the text. */
    private static String reason(ValidationException refused) {
        List<String> messages = refused.fieldErrors().values().stream().flatMap(List::stream).toList();
        return messages.isEmpty() ? refused.getMessage() : String.join(" ", messages);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }
}
