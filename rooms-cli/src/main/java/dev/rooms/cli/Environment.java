package dev.rooms.cli;

import dev.rooms.cli.shell.TerminalOpener;
import java.io.Console;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import org.jline.terminal.TerminalBuilder;

/**
 * What a run of {@code rooms} gets from the outside world besides its arguments and output writers: environment
 * variables, standard input, whether it talks to a terminal, and how to open one for the chat shell. Tests build
 * their own; {@link #system()} is the real one.
 *
 * @param variables   environment variables ({@code ROOMS_SERVER}, {@code ROOMS_PROFILE}, {@code XDG_CONFIG_HOME},
 *                    {@code HOME}, {@code NO_COLOR}, {@code COLUMNS})
 * @param stdin       standard input (messages for {@code send}, {@code --password-stdin}, prompts)
 * @param console     the console for password prompts without echo, or {@code null} when there is none
 * @param interactive whether standard input and output are a terminal (colour, tables fitted to its width,
 *                    confirmation prompts)
 * @param terminals   opens the terminal: the chat shell's, or to ask its width for a table
 */
public record Environment(Map<String, String> variables, InputStream stdin, Console console, boolean interactive,
                          TerminalOpener terminals) {

    /** Checks the components and copies the variables. */
    public Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(stdin, "stdin == null");
        Objects.requireNonNull(terminals, "terminals == null");
    }

    /**
     * Returns the environment of this process.
     *
     * @return the process's variables, {@code System.in}, its console and system terminal
     */
    public static Environment system() {
        Console console = System.console();
        return new Environment(System.getenv(), System.in, console, console != null,
                () -> TerminalBuilder.builder().system(true).build());
    }

    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    boolean colour() {
        return interactive && variable("NO_COLOR") == null;
    }
}
