package dev.rooms.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts, run by a real bash against a real server. */
@ExtendWith(TestServer.class)
class CompletionTest {

    @TempDir
    Path bin;

    @Test
    void bashWhenTabAfterARoomCommandThenOffersTheServersRoomNamesQuoted() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Tab Tess");
        String name = "Book Club " + UUID.randomUUID();
        cli.run("room", "create", name);

        String messages = complete(cli, "rooms", "messages", "Book\\ Club");
        String roomShow = complete(cli, "rooms", "--profile", "default", "room", "show", "Book");
        String searchRoom = complete(cli, "rooms", "search", "deploy", "--room", "Book");

        assertThat(messages.lines()).as("completions; rooms' stderr: %s", stderr())
                .contains(name.replace(" ", "\\ "));
        assertThat(roomShow.lines()).contains(name.replace(" ", "\\ "));
        assertThat(searchRoom.lines()).contains(name.replace(" ", "\\ "));
    }

    @Test
    void bashWhenARoomNameHoldsShellSyntaxThenItIsOfferedQuotedAndNeverRun() throws Exception {
        Cli cli = new Cli();
        cli.registerFresh("Tab Trap");
        Path marker = bin.resolve("ran");
        String name = "Trap $(touch " + marker + ") `touch " + marker + "` 'x \"y";
        cli.run("room", "create", name);

        String completions = complete(cli, "rooms", "chat", "Trap");

        assertThat(completions.lines()).as("completions; rooms' stderr: %s", stderr())
                .contains(name.replaceAll("([^A-Za-z0-9/._-])", "\\\\$1"));
        assertThat(marker).doesNotExist();
    }

    @Test
    void bashWhenTabAfterTypeOrOutputThenOffersTheirValues() throws Exception {
        Cli cli = new Cli();

        String type = complete(cli, "rooms", "room", "list", "--type", "");
        String output = complete(cli, "rooms", "room", "list", "-o", "");
        String command = complete(cli, "rooms", "me");

        assertThat(type.lines()).containsExactlyInAnyOrder("chat", "video");
        assertThat(output.lines()).containsExactlyInAnyOrder("table", "json");
        assertThat(command.lines()).containsExactlyInAnyOrder("messages", "message");
    }

    @Test
    void completionCandidatesWhenNotLoggedInThenNothingAndSuccess() {
        Cli cli = new Cli();

        Cli.Result result = cli.run("__complete", "rooms");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void zshAndFishScriptsAreOffered() {
        Cli cli = new Cli();

        Cli.Result zsh = cli.run("completion", "zsh");
        Cli.Result fish = cli.run("completion", "fish");

        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).contains("bashcompinit", "_rooms_complete_with_rooms");
        assertThat(fish.exitCode()).isZero();
        assertThat(fish.out()).contains("complete -c rooms -n __fish_use_subcommand -a 'messages'",
                "-l type -r -x -a 'chat video'", "-a '(rooms __complete rooms 2>/dev/null)'")
                .doesNotContain("__complete' -d");
    }

    private String stderr() throws IOException {
        Path err = bin.resolve("rooms.err");
        return Files.exists(err) ? Files.readString(err) : "(none)";
    }

    /**
     * Sources {@code rooms completion bash} in a real bash, puts the words on its command line as bash would, and
     * returns the completions, one per line. {@code rooms} on the PATH runs this build's CLI in a JVM.
     */
    private String complete(Cli cli, String... words) throws IOException, InterruptedException {
        Path script = bin.resolve("rooms.bash");
        Files.writeString(script, cli.run("completion", "bash").out());
        Path rooms = bin.resolve("rooms");
        // Its stderr, which the completion script discards, is kept in rooms.err to explain an empty answer.
        Files.writeString(rooms, "#!/bin/sh\nexec java -cp '" + System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")) + "' dev.rooms.cli.Main \"$@\" 2>>'" + bin.resolve("rooms.err")
                + "'\n");
        Files.setPosixFilePermissions(rooms, PosixFilePermissions.fromString("rwx------"));
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word.replace("'", "'\\''")).append('\'');
        }
        String program = "source " + script + "\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1)
                + "\nCOMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n_rooms_complete_with_rooms\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        // Outside a real TAB, picocli's script's compopt complains on stderr; the completions are on stdout.
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", program).redirectError(ProcessBuilder.Redirect.DISCARD);
        bash.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        bash.environment().putAll(cli.variables);
        Process process = bash.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }
}
