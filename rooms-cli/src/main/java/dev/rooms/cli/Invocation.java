package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.FileTokenStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * One run of {@code rooms}: its environment, output writers and the shared options, plus what is derived from
 * them on first use (configuration, SDK client, output). Commands get it through their constructor.
 */
final class Invocation {

    private static final int DEFAULT_WIDTH = 80;
    private static final int MIN_WIDTH = 20;

    final Environment environment;
    final PrintWriter out;
    final PrintWriter err;

    String serverOption;
    String profileOption;
    boolean json;
    boolean quiet;
    boolean debug;
    /** Set when a command needed a login, so a 401 can say how to get one. */
    boolean loginRequired;

    private Configuration configuration;
    private RoomsClient client;
    private Output output;
    private BufferedReader stdinLines;

    Invocation(Environment environment, PrintWriter out, PrintWriter err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    Configuration configuration() {
        if (configuration == null) {
            configuration = Configuration.resolve(environment, profileOption, serverOption);
        }
        return configuration;
    }

    /** The SDK client for the configured server and profile, whether or not anyone is logged in. */
    RoomsClient client() {
        return client(null);
    }

    private RoomsClient client(Duration readTimeout) {
        if (client == null) {
            Configuration config = configuration();
            RoomsClient.Builder builder = RoomsClient.builder()
                    .tokenStore(tokenStore(config))
                    .userAgent("rooms-cli/" + VersionProvider.version())
                    .connectTimeout(Duration.ofSeconds(5));
            if (readTimeout != null) {
                builder.readTimeout(readTimeout);
            }
            try {
                builder.baseUrl(config.server());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "invalid server URL '" + config.server() + "' (from "
                        + config.serverSource() + "); expected e.g. http://localhost:8000");
            }
            if (config.server().regionMatches(true, 0, "http:", 0, 5)) {
                // Without a TLS connection spec OkHttp never loads the JDK's trust store, a good part of a short
                // command's start-up; a plain-http server has no use for it.
                builder.okHttpClient(new OkHttpClient.Builder()
                        .connectionSpecs(List.of(ConnectionSpec.CLEARTEXT))
                        .build());
            }
            client = builder.build();
        }
        return client;
    }

    /**
     * The profile's token file. The SDK uses it only for the server the tokens came from; a file from before token
     * files recorded their server holds the profile's own server's tokens.
     */
    private static FileTokenStore tokenStore(Configuration config) {
        FileTokenStore store = new FileTokenStore(config.tokenFile());
        try {
            return store.withLegacyServer(config.profileServer());
        } catch (IllegalArgumentException e) {
            // A profile server that is no URL owns no tokens; using it reports the bad URL.
            return store;
        }
    }

    /** The SDK client, after checking that this profile holds tokens. */
    RoomsClient loggedInClient() {
        return loggedInClient(null);
    }

    /** The SDK client, after checking that this profile holds tokens; it waits {@code readTimeout} for an answer. */
    RoomsClient loggedInClient(Duration readTimeout) {
        loginRequired = true;
        RoomsClient c = client(readTimeout);
        if (c.tokenStore().load().isEmpty()) {
            Configuration config = configuration();
            String serverFlag = "--server".equals(config.serverSource()) ? " --server " + config.server() : "";
            throw new CliException(ExitCodes.NOT_LOGGED_IN, "not logged in to " + config.server()
                    + profileHint() + "; run 'rooms login" + serverFlag + profileFlag() + "' first");
        }
        return c;
    }

    String profileHint() {
        Configuration config = configuration();
        return Configuration.DEFAULT_PROFILE.equals(config.profile()) ? "" : " (profile " + config.profile() + ")";
    }

    private String profileFlag() {
        Configuration config = configuration();
        return Configuration.DEFAULT_PROFILE.equals(config.profile()) ? "" : " --profile " + config.profile();
    }

    Output output() {
        if (output == null) {
            output = new Output(out, json, quiet, environment.colour(), this::terminalWidth);
        }
        return output;
    }

    /** Tables fit the terminal: {@code COLUMNS} when set, else the terminal's own answer, else 80 columns. */
    private int terminalWidth() {
        if (!environment.interactive()) {
            return Integer.MAX_VALUE;
        }
        String columns = environment.variable("COLUMNS");
        if (columns != null) {
            try {
                return Math.max(MIN_WIDTH, Integer.parseInt(columns.strip()));
            } catch (NumberFormatException e) {
                return DEFAULT_WIDTH;
            }
        }
        // Not closed: closing a system terminal closes the process's standard streams, which the table is about
        // to be printed on. It only reads the size; the process ends right after the command.
        try {
            int width = environment.terminals().open().getWidth();
            return width > 0 ? Math.max(MIN_WIDTH, width) : DEFAULT_WIDTH;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** Reads one line of standard input; {@code null} at its end. */
    String readLine() {
        try {
            return stdin().readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    BufferedReader stdin() {
        if (stdinLines == null) {
            stdinLines = new BufferedReader(new InputStreamReader(environment.stdin(), StandardCharsets.UTF_8));
        }
        return stdinLines;
    }

    /** Asks on stderr (stdout stays clean for scripts) and reads the answer from standard input. */
    String prompt(String question) {
        err.print(TerminalText.line(question));
        err.flush();
        String line = readLine();
        if (line == null) {
            throw new CliException(ExitCodes.USAGE, "no answer to '" + question.strip() + "' (standard input ended)");
        }
        return line.strip();
    }

    /**
     * Asks before something that cannot be undone; returns when the user typed {@code yes}. Without a terminal
     * there is nobody to ask, so it refuses at once (usage error) rather than wait on standard input.
     */
    void confirm(String question, String refusal, String declined) {
        if (!environment.interactive()) {
            throw new CliException(ExitCodes.USAGE, refusal);
        }
        String answer = prompt(question + " Type 'yes' to confirm: ");
        if (!answer.equalsIgnoreCase("yes")) {
            throw new CliException(ExitCodes.ERROR, "not confirmed; " + declined);
        }
    }

    /** Reads a password without echo from the console. */
    char[] promptPassword(String question, String alternative) {
        if (environment.console() == null) {
            throw new CliException(ExitCodes.USAGE, "no terminal to read the password from; use " + alternative);
        }
        char[] password = environment.console().readPassword("%s", question);
        if (password == null) {
            throw new CliException(ExitCodes.USAGE, "no password given");
        }
        return password;
    }
}
