package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.TokenStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One run of {@code rooms}: its environment, output writers and the shared options, plus what is derived from
 * them on first use (configuration, SDK client, output). Commands get it through their constructor.
 */
final class Invocation {

    final Environment environment;
    final PrintWriter out;
    final PrintWriter err;

    String serverOption;
    String profileOption;
    boolean json;
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
        if (client == null) {
            Configuration config = configuration();
            RoomsClient.Builder builder = RoomsClient.builder()
                    .tokenStore(TokenStore.file(config.tokenFile()))
                    .userAgent("rooms-cli/" + VersionProvider.version())
                    .connectTimeout(Duration.ofSeconds(5));
            try {
                builder.baseUrl(config.server());
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCodes.USAGE, "invalid server URL '" + config.server() + "' (from "
                        + config.serverSource() + "); expected e.g. http://localhost:8000");
            }
            client = builder.build();
        }
        return client;
    }

    /** The SDK client, after checking that this profile holds tokens. */
    RoomsClient loggedInClient() {
        loginRequired = true;
        RoomsClient c = client();
        if (c.tokenStore().load().isEmpty()) {
            Configuration config = configuration();
            throw new CliException(ExitCodes.NOT_LOGGED_IN, "not logged in to " + config.server()
                    + profileHint() + "; run 'rooms login" + profileFlag() + "' first");
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
            output = new Output(out, json, environment.colour(), terminalWidth());
        }
        return output;
    }

    private int terminalWidth() {
        if (!environment.interactive()) {
            return Integer.MAX_VALUE;
        }
        String columns = environment.variable("COLUMNS");
        if (columns != null) {
            try {
                return Math.max(20, Integer.parseInt(columns.strip()));
            } catch (NumberFormatException e) {
                return 80;
            }
        }
        return 80;
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
        err.print(question);
        err.flush();
        String line = readLine();
        if (line == null) {
            throw new CliException(ExitCodes.USAGE, "no answer to '" + question.strip() + "' (standard input ended)");
        }
        return line.strip();
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
