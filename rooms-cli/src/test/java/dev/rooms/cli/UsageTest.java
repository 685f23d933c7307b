package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Help, version, completion and usage errors: no server needed. */
class UsageTest {

    static Stream<List<String>> everyCommand() {
        List<List<String>> paths = new ArrayList<>();
        collect(RoomsCommand.commandLine(new CommandFactory(null)), new ArrayList<>(), paths);
        return paths.stream();
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, paths);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandHasHelp(List<String> path) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");

        Cli.Result result = offline().run(args.toArray(String[]::new));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: " + String.join(" ", prepend("rooms", path)));
        assertThat(result.out()).contains("--server=URL", "--json", "--help");
    }

    @Test
    void everyLevelIsListed() {
        assertThat(everyCommand().map(path -> String.join(" ", path))).contains(
                "register", "login", "logout", "whoami", "profile show", "profile update", "profile delete",
                "room list", "room create", "room show", "room update", "room delete",
                "messages", "send", "message edit", "message delete", "who", "chat", "completion");
    }

    @Test
    void topLevelHelpDocumentsExitCodes() {
        Cli.Result result = offline().run("--help");

        assertThat(result.out()).contains("Exit codes:", "  3   not logged in", "  6   cannot reach the server",
                "ROOMS_SERVER", "ROOMS_PROFILE", "NO_COLOR");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        Cli.Result result = offline().run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("rooms 0.").doesNotContain("null").doesNotContain("${");
    }

    @Test
    void noCommandPrintsUsageAndExits2() {
        Cli.Result root = offline().run();
        Cli.Result group = offline().run("room");

        assertThat(root.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(root.err()).startsWith("Usage: rooms");
        assertThat(group.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(group.err()).startsWith("Usage: rooms room");
    }

    @Test
    void unknownCommandOrOptionExits2WithAHint() {
        Cli.Result command = offline().run("rom", "list");
        Cli.Result option = offline().run("room", "list", "--frobnicate");

        assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.err()).startsWith("error: ").contains("room").contains("Try 'rooms --help'.");
        assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).contains("--frobnicate").contains("Try 'rooms room list --help'.");
    }

    @Test
    void completionPrintsABashScriptCoveringTheCommands() {
        Cli.Result result = offline().run("completion");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("complete -F", "bashcompinit", "register", "messages", "--follow",
                "create");
    }

    @Test
    void unreachableServerExits6() {
        Cli cli = offline();
        cli.variables.put("ROOMS_SERVER", "http://127.0.0.1:9");

        Cli.Result result = cli.runWithInput("pw\n", "login", "-e", "a@example.com", "--password-stdin");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).startsWith("error: cannot reach the server at http://127.0.0.1:9")
                .doesNotContain("Exception");
    }

    @Test
    void debugAddsTheStackTrace() {
        Cli cli = offline();
        cli.variables.put("ROOMS_SERVER", "http://127.0.0.1:9");

        Cli.Result result = cli.runWithInput("pw\n", "login", "-e", "a@example.com", "--password-stdin", "--debug");

        assertThat(result.err()).contains("TransportException", "\tat ");
    }

    @Test
    void invalidServerUrlIsAUsageError() {
        Cli cli = offline();
        cli.variables.put("ROOMS_SERVER", "localhost:8000");

        Cli.Result result = cli.run("room", "list");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("error: invalid server URL 'localhost:8000' (from ROOMS_SERVER);"
                + " expected e.g. http://localhost:8000\n");
    }

    private static Cli offline() {
        Cli cli = new Cli();
        cli.variables.remove("ROOMS_SERVER");
        return cli;
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
