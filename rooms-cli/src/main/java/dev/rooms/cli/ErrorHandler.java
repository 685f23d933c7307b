package dev.rooms.cli;

import dev.rooms.sdk.ApiException;
import dev.rooms.sdk.AuthenticationException;
import dev.rooms.sdk.ForbiddenException;
import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RateLimitedException;
import dev.rooms.sdk.TransportException;
import dev.rooms.sdk.ValidationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become output: {@code error: <message>} on stderr (field errors indented below),
 * the matching {@link ExitCodes} value, and a stack trace only with {@code --debug}. Every line goes through
 * {@link TerminalText}: messages carry the server's detail and names from it.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final Invocation invocation;

    ErrorHandler(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        print(err, "error: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        if (invocation.debug) {
            printStackTrace(ex, err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        Throwable failure = unwrap(ex);
        int code = report(failure, err);
        if (invocation.debug) {
            printStackTrace(failure, err);
        } else if (code == ExitCodes.ERROR && !(failure instanceof ApiException || failure instanceof CliException)) {
            err.println("(run with --debug for details)");
        }
        err.flush();
        return code;
    }

    private int report(Throwable failure, PrintWriter err) {
        if (failure instanceof CliException cli) {
            print(err, "error: " + cli.getMessage());
            return cli.exitCode();
        }
        if (failure instanceof ValidationException invalid) {
            printValidation(invalid, err);
            return ExitCodes.ERROR;
        }
        if (failure instanceof AuthenticationException denied) {
            if (invocation.loginRequired) {
                print(err, "error: the server rejected the session (" + denied.getMessage()
                        + "); run 'rooms login' again");
            } else {
                print(err, "error: " + denied.getMessage());
            }
            return ExitCodes.NOT_LOGGED_IN;
        }
        if (failure instanceof ForbiddenException forbidden) {
            print(err, "error: " + forbidden.getMessage());
            return ExitCodes.FORBIDDEN;
        }
        if (failure instanceof NotFoundException notFound) {
            print(err, "error: not found (" + notFound.getMessage() + ")");
            return ExitCodes.NOT_FOUND;
        }
        if (failure instanceof RateLimitedException limited) {
            print(err, "error: " + rateLimited(limited));
            return ExitCodes.RATE_LIMITED;
        }
        if (failure instanceof ApiException api) {
            print(err, "error: the server answered " + api.status() + ": " + api.getMessage());
            return ExitCodes.ERROR;
        }
        if (failure instanceof TransportException transport) {
            Throwable cause = transport.getCause() != null ? transport.getCause() : transport;
            print(err, "error: cannot reach the server at " + invocation.configuration().server() + ": "
                    + cause.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        if (failure instanceof UncheckedIOException io) {
            print(err, "error: " + io.getMessage() + (io.getCause() != null ? ": " + io.getCause().getMessage() : ""));
            return ExitCodes.ERROR;
        }
        if (failure instanceof IllegalArgumentException invalid) {
            print(err, "error: " + invalid.getMessage());
            return ExitCodes.ERROR;
        }
        print(err, "error: " + failure);
        return ExitCodes.ERROR;
    }

    /** "the server is rate limiting this client; try again in 12 seconds" (or minutes, or "later"). */
    static String rateLimited(RateLimitedException limited) {
        return "the server is rate limiting this client; try again " + limited.retryAfter()
                .map(wait -> wait.toSeconds() < 120
                        ? "in " + Math.max(1, wait.toSeconds()) + (wait.toSeconds() <= 1 ? " second" : " seconds")
                        : "in " + (wait.toSeconds() + 59) / 60 + " minutes")
                .orElse("later");
    }

    private static void printValidation(ValidationException invalid, PrintWriter err) {
        Map<String, List<String>> fields = invalid.fieldErrors();
        if (fields.isEmpty()) {
            print(err, "error: " + invalid.getMessage());
            return;
        }
        print(err, "error: " + (invalid.detail() != null ? invalid.detail() : "the server rejected the input"));
        fields.forEach((field, messages) -> messages.forEach(message ->
                print(err, "  " + ("non_field_errors".equals(field) ? "" : field + ": ") + message)));
    }

    /** Prints one line; the text may carry the server's detail or a name from it, so it is neutralised. */
    private static void print(PrintWriter err, String line) {
        err.println(TerminalText.line(line));
    }

    /** A stack trace's messages may carry the server's detail too. */
    private static void printStackTrace(Throwable failure, PrintWriter err) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        err.print(TerminalText.text(trace.toString()));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
