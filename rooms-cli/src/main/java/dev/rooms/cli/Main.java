package dev.rooms.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Help;

/** The {@code rooms} command's entry point. */
public final class Main {

    private Main() {
    }

    /**
     * Runs {@code rooms} and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String... args) {
        // The SDK logs through System.Logger (java.util.logging by default), whose console output would garble
        // tables and the chat shell; errors reach the user through the error handler instead.
        LogManager.getLogManager().reset();
        // Java-WebSocket logs through SLF4J; without a provider SLF4J warns on stderr. Choose its silent one.
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /**
     * Runs {@code rooms} in this process's environment.
     *
     * @param out  standard output
     * @param err  standard error
     * @param args the command line
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Environment.system(), out, err, args);
    }

    /**
     * Runs {@code rooms} in the given environment; what tests call.
     *
     * @param environment variables, standard input and terminal
     * @param out         standard output
     * @param err         standard error
     * @param args        the command line
     * @return the exit code
     */
    public static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        Invocation invocation = new Invocation(environment, out, err);
        ErrorHandler errors = new ErrorHandler(invocation);
        CommandLine commandLine = RoomsCommand.commandLine(new CommandFactory(invocation), args)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setColorScheme(Help.defaultColorScheme(environment.colour() ? Help.Ansi.ON : Help.Ansi.OFF))
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors);
        keepDeclaredOptionOrder(commandLine);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static void keepDeclaredOptionOrder(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().sortOptions(false);
        commandLine.getSubcommands().values().forEach(Main::keepDeclaredOptionOrder);
    }
}
