package dev.rooms.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * {@link TerminalText}: messages carry the server's detail and names from it. Under {@code --json} the error is one
 * JSON object on one line of stderr instead, so a script that parses the output parses the failure too:
 * {@code {"error": "...", "exit_code": 4, "status": 404, "detail": "...", "code": "...", "field_errors": {...}}}
 * ({@code status} and what follows only when the server answered).
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final Invocation invocation;

    ErrorHandler(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        PrintWriter err = ex.getCommandLine().getErr();
        if (invocation.json || jsonRequested(args)) {
            printJson(err, ex.getMessage(), ExitCodes.USAGE, null);
            return ExitCodes.USAGE;
        }
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
        Report report = report(failure);
        if (invocation.json) {
            printJson(err, report.message(), report.exitCode(), failure instanceof ApiException api ? api : null);
        } else {
            print(err, "error: " + report.message());
            report.details().forEach(line -> print(err, "  " + line));
        }
        if (invocation.debug) {
            printStackTrace(failure, err);
        } else if (!invocation.json && report.exitCode() == ExitCodes.ERROR && !report.explained()
                && !(failure instanceof ApiException || failure instanceof CliException)) {
            err.println("(run with --debug for details)");
        }
        err.flush();
        return report.exitCode();
    }

    /**
     * What a failure says: the exit code, one line, lines below it (a field's errors), and whether the line says
     * all there is to know (else a stack trace with {@code --debug} may help, and the output says so).
     */
    private record Report(int exitCode, String message, List<String> details, boolean explained) {

        Report(int exitCode, String message) {
            this(exitCode, message, List.of(), false);
        }
    }

    private Report report(Throwable failure) {
        if (failure instanceof CliException cli) {
            return new Report(cli.exitCode(), cli.getMessage());
        }
        if (failure instanceof ValidationException invalid) {
            return validation(invalid);
        }
        if (failure instanceof AuthenticationException denied) {
            return new Report(ExitCodes.NOT_LOGGED_IN, invocation.loginRequired
                    ? "the server rejected the session (" + denied.getMessage() + "); run 'rooms login' again"
                    : denied.getMessage());
        }
        if (failure instanceof ForbiddenException forbidden) {
            return new Report(ExitCodes.FORBIDDEN, forbidden.getMessage());
        }
        if (failure instanceof NotFoundException notFound) {
            return new Report(ExitCodes.NOT_FOUND, "not found (" + notFound.getMessage() + ")");
        }
        if (failure instanceof RateLimitedException limited) {
            return new Report(ExitCodes.RATE_LIMITED, rateLimited(limited));
        }
        if (failure instanceof ApiException api) {
            return new Report(ExitCodes.ERROR, "the server answered " + api.status() + ": " + api.getMessage());
        }
        if (failure instanceof TransportException transport) {
            Throwable cause = transport.getCause() != null ? transport.getCause() : transport;
            return new Report(ExitCodes.UNREACHABLE, "cannot reach the server at "
                    + invocation.configuration().server() + ": " + cause.getMessage());
        }
        if (failure instanceof UncheckedIOException io && io.getCause() instanceof JsonProcessingException) {
            // A damaged file: the message names it and the fix; the parser's position is noise here.
            return new Report(ExitCodes.ERROR, io.getMessage(), List.of(), true);
        }
        if (failure instanceof UncheckedIOException io) {
            return new Report(ExitCodes.ERROR,
                    io.getMessage() + (io.getCause() != null ? ": " + io.getCause().getMessage() : ""));
        }
        if (failure instanceof IllegalArgumentException invalid) {
            return new Report(ExitCodes.ERROR, invalid.getMessage());
        }
        return new Report(ExitCodes.ERROR, failure.toString());
    }

    /** "the server is rate limiting this client; try again in 12 seconds" (or minutes, or "later"). */
    static String rateLimited(RateLimitedException limited) {
        return "the server is rate limiting this client; try again " + limited.retryAfter()
                .map(wait -> wait.toSeconds() < 120
                        ? "in " + Math.max(1, wait.toSeconds()) + (wait.toSeconds() <= 1 ? " second" : " seconds")
                        : "in " + (wait.toSeconds() + 59) / 60 + " minutes")
                .orElse("later");
    }

    private static Report validation(ValidationException invalid) {
        Map<String, List<String>> fields = invalid.fieldErrors();
        if (fields.isEmpty()) {
            return new Report(ExitCodes.ERROR, invalid.getMessage());
        }
        List<String> details = new ArrayList<>();
        fields.forEach((field, messages) -> messages.forEach(message ->
                details.add(("non_field_errors".equals(field) ? "" : field + ": ") + message)));
        return new Report(ExitCodes.ERROR,
                invalid.detail() != null ? invalid.detail() : "the server rejected the input", details, true);
    }

    /** The error object of {@code --json}: what the text would say, plus the server's answer when there was one. */
    private void printJson(PrintWriter err, String message, int code, ApiException api) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", message);
        error.put("exit_code", code);
        if (api != null) {
            error.put("status", api.status());
            error.put("detail", api.detail());
            error.put("code", api.code());
            error.put("field_errors", api.fieldErrors());
        }
        err.println(invocation.output().jsonLine(error));
        err.flush();
    }

    /** A parse error can come before the {@code --json} option was read; look for it on the command line. */
    private static boolean jsonRequested(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--json") || arg.equals("--output=json") || arg.equals("-ojson")
                    || ((arg.equals("-o") || arg.equals("--output")) && i + 1 < args.length
                        && args[i + 1].equalsIgnoreCase("json"))) {
                return true;
            }
        }
        return false;
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
