package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.ControlChar;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Attributes.OutputFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/** One running chat shell: keys go in through a pipe, the screen is everything the terminal wrote. */
final class Shell implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final Pattern ESCAPES = Pattern.compile("\u001b\\[[0-9;?>=]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|"
            + "\u001b[=>78MDEc]|\r|\u0007");

    private static final int COLUMNS = 160;
    private static final int ROWS = 50;

    private final PipedOutputStream keys;
    private final ByteArrayOutputStream screen;
    private final Thread thread;
    private final AtomicInteger exitCode;

    private Shell(PipedOutputStream keys, ByteArrayOutputStream screen, Thread thread, AtomicInteger exitCode) {
        this.keys = keys;
        this.screen = screen;
        this.thread = thread;
        this.exitCode = exitCode;
    }

    static Shell start(Cli cli, String room) throws IOException {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys, 64 * 1024);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // A terminal set up like a real tty's line discipline: Ctrl-C interrupts, Ctrl-D is end of file.
        Attributes tty = new Attributes();
        tty.setLocalFlags(EnumSet.of(LocalFlag.ISIG, LocalFlag.ICANON, LocalFlag.ECHO, LocalFlag.IEXTEN), true);
        tty.setInputFlags(EnumSet.of(InputFlag.ICRNL), true);
        tty.setOutputFlags(EnumSet.of(OutputFlag.OPOST, OutputFlag.ONLCR), true);
        tty.setControlChar(ControlChar.VINTR, 3);
        tty.setControlChar(ControlChar.VEOF, 4);
        tty.setControlChar(ControlChar.VERASE, 127);
        // ExternalTerminal rather than TerminalBuilder, which would open a real pty whose Ctrl-C signal goes
        // to the pty's process group instead of to this JVM.
        Terminal terminal = new ExternalTerminal("test", "xterm", input, screen, StandardCharsets.UTF_8);
        terminal.setAttributes(tty);
        terminal.setSize(new Size(COLUMNS, ROWS));
        Environment environment = new Environment(cli.variables, new ByteArrayInputStream(new byte[0]), null,
                true, () -> terminal);
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread thread = new Thread(() -> exit.set(Main.run(environment, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true), "chat", room)), "chat-shell-" + room);
        Shell shell = new Shell(keys, screen, thread, exit);
        thread.start();
        shell.awaitScreen("connected to " + room);
        return shell;
    }

    static Shell startUnchecked(Cli cli, String room) {
        try {
            return start(cli, room);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void type(String text) {
        try {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String rawScreen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    String screen() {
        return strip(rawScreen());
    }

    /** The screen as a terminal of the same size shows it: the output replayed on a VT100 emulator. */
    List<String> rendered() {
        ScreenTerminal emulator = new ScreenTerminal(COLUMNS, ROWS);
        emulator.write(rawScreen());
        return emulator.toString().lines().map(String::stripTrailing).toList();
    }

    static String strip(String raw) {
        return ESCAPES.matcher(raw).replaceAll("");
    }

    void awaitScreen(String text) {
        // untilAsserted: a timeout then shows the screen as it was.
        await().atMost(WAIT).untilAsserted(() -> assertThat(screen()).contains(text));
    }

    void awaitScreenCount(String text, int count) {
        await().atMost(WAIT).until(() -> screen().split(Pattern.quote(text), -1).length - 1 >= count);
    }

    int awaitExit() throws InterruptedException {
        thread.join(WAIT.toMillis());
        return exitCode.get();
    }

    @Override
    public void close() throws Exception {
        if (thread.isAlive()) {
            type("\u0004");
            thread.join(WAIT.toMillis());
        }
    }
}
