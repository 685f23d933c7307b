package dev.rooms.cli;

import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command accepts, before or after its name: {@code --server}, {@code --profile},
 * {@code --output}/{@code --json}, {@code --quiet}, {@code --debug} and {@code --help}. Each command has its own instance (a mixin); all of them
 * write into the run's one {@link Invocation}.
 */
final class GlobalOptions {

    enum Format { TABLE, JSON }

    private final Invocation invocation;

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 0, description = "Show this help and exit.")
    boolean help;

    GlobalOptions(Invocation invocation) {
        this.invocation = invocation;
    }

    @Option(names = "--server", paramLabel = "URL", order = 100,
            description = "Server URL (default: $ROOMS_SERVER, else the profile's, else http://localhost:8000).")
    void server(String url) {
        invocation.serverOption = url;
    }

    @Option(names = "--profile", paramLabel = "NAME", order = 101,
            description = "Named profile: its own server and login (default: $ROOMS_PROFILE, else default).")
    void profile(String name) {
        invocation.profileOption = name;
    }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", order = 102, completionCandidates = Formats.class,
            description = "Output format: table (default) or json.")
    void output(Format format) {
        invocation.json = format == Format.JSON;
    }

    @Option(names = "--json", order = 103, description = "Same as --output json.")
    void json(boolean json) {
        invocation.json |= json;
    }

    @Option(names = {"-q", "--quiet"}, order = 104,
            description = "Print only ids (of the rooms, messages or account shown), one per line; no other text.")
    void quiet(boolean quiet) {
        invocation.quiet |= quiet;
    }

    @Option(names = "--debug", order = 105, description = "Print stack traces of errors.")
    void debug(boolean debug) {
        invocation.debug |= debug;
    }

    /** The values of {@code --output}, lower case as people type them, for completion. */
    static final class Formats implements Iterable<String> {

        @Override
        public Iterator<String> iterator() {
            return List.of("table", "json").iterator();
        }
    }
}
