package dev.rooms.cli.shell;

import java.io.IOException;
import org.jline.terminal.Terminal;

/** Opens the terminal the chat shell runs on: the process's own, or a test's terminal over piped streams. */
@FunctionalInterface
public interface TerminalOpener {

    /**
     * Opens the terminal; the shell closes it when it ends.
     *
     * @return an open terminal
     * @throws IOException if no terminal can be opened
     */
    Terminal open() throws IOException;
}
