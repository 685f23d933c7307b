package dev.rooms.cli;

import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rooms completion bash|zsh|fish}: prints a completion script. Commands, options and fixed option values
 * ({@code --type chat|video}, {@code --output table|json}) come from the command model; room names are asked of the
 * server when TAB is pressed, through the hidden {@code rooms __complete rooms}, so they are always current.
 */
@Command(name = "completion", description = {
        "Print a completion script: commands, options, option values and room names (asked of the server on TAB).",
        "bash: source <(rooms completion bash)   (or save it as ~/.local/share/bash-completion/completions/rooms)",
        "zsh:  source <(rooms completion zsh)    (bash's script through zsh's bashcompinit)",
        "fish: rooms completion fish > ~/.config/fish/completions/rooms.fish",
})
final class CompletionCommand implements Callable<Integer> {

    enum Shell { BASH, ZSH, FISH }

    /** Commands whose first positional parameter is a ROOM, as the completion scripts see them. */
    private static final List<String> ROOM_COMMANDS =
            List.of("messages", "send", "chat", "who", "show", "update", "delete");

    /**
     * Completes room names on top of picocli's generated script: the word after {@code --room}, and the first
     * positional word of a command that takes a ROOM. Options that take a value are skipped with their value.
     */
    private static final String BASH_ROOMS = """

            # Room names, asked of the server when TAB is pressed (quietly nothing when not logged in or offline).
            _rooms_complete_with_rooms() {
              local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
              local words=() i word
              for ((i = 1; i < COMP_CWORD; i++)); do
                word="${COMP_WORDS[i]}"
                case "$word" in
                  --server|--profile|-o|--output|-t|--type|-d|--description|-n|--name|--last|--after|--before|\\
                  --since|--until|-s|--search|--from|-r|--room|--limit|--timeout|-e|--email) ((i++)) ;;
                  -*) ;;
                  *) words+=("$word") ;;
                esac
              done
              local wants_room=""
              if [[ "$prev" == "--room" || "$prev" == "-r" ]]; then
                wants_room=1
              elif [[ "$cur" != -* ]]; then
                case "${words[0]} ${#words[@]}" in
                  "messages 1"|"send 1"|"chat 1"|"who 1") wants_room=1 ;;
                  "room 2") [[ "${words[1]}" =~ ^(show|update|delete)$ ]] && wants_room=1 ;;
                esac
              fi
              if [[ -n "$wants_room" ]]; then
                # Room names are other people's text: compared as plain strings and quoted with %q, never passed
                # to compgen -W, which would expand $(...) in them.
                local prefix=${cur//\\\\/} name
                prefix=${prefix#[\\'\\"]}
                COMPREPLY=()
                while IFS= read -r name; do
                  [[ "$name" == "$prefix"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
                done < <(command rooms __complete rooms 2>/dev/null)
                return 0
              fi
              _complete_rooms "$@"
            }
            complete -F _rooms_complete_with_rooms -o default rooms
            """;

    @Parameters(arity = "0..1", paramLabel = "SHELL", completionCandidates = Shells.class,
            description = "bash (default), zsh or fish.")
    Shell shell = Shell.BASH;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CommandLine root = spec.root().commandLine();
        if (shell == Shell.FISH) {
            out.print(fish(root));
        } else {
            out.print(AutoComplete.bash("rooms", root));
            out.print(BASH_ROOMS);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The fish script: one {@code complete} line per command, option and value list. */
    private static String fish(CommandLine root) {
        StringBuilder script = new StringBuilder("# rooms completion for fish: rooms completion fish > "
                + "~/.config/fish/completions/rooms.fish\ncomplete -c rooms -f\n");
        options(script, "", root.getCommandSpec());
        root.getSubcommands().forEach((name, command) -> {
            if (command.getCommandSpec().usageMessage().hidden()) {
                return;
            }
            script.append("complete -c rooms -n __fish_use_subcommand -a ").append(quote(name))
                    .append(" -d ").append(quote(firstLine(command.getCommandSpec()))).append('\n');
            String inCommand = "__fish_seen_subcommand_from " + name;
            options(script, inCommand, command.getCommandSpec());
            for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
                script.append("complete -c rooms -n ").append(quote(inCommand + "; and not __fish_seen_subcommand_from "
                                + String.join(" ", command.getSubcommands().keySet())))
                        .append(" -a ").append(quote(sub.getKey()))
                        .append(" -d ").append(quote(firstLine(sub.getValue().getCommandSpec()))).append('\n');
                options(script, inCommand + "; and __fish_seen_subcommand_from " + sub.getKey(),
                        sub.getValue().getCommandSpec());
            }
        });
        script.append("complete -c rooms -n ").append(quote("__fish_seen_subcommand_from "
                        + String.join(" ", ROOM_COMMANDS)))
                .append(" -a '(rooms __complete rooms 2>/dev/null)'\n");
        script.append("complete -c rooms -l room -s r -x -a '(rooms __complete rooms 2>/dev/null)'\n");
        return script.toString();
    }

    private static void options(StringBuilder script, String condition, CommandSpec command) {
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            script.append("complete -c rooms");
            if (!condition.isEmpty()) {
                script.append(" -n ").append(quote(condition));
            }
            for (String name : option.names()) {
                script.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
            }
            if (option.arity().max() > 0) {
                script.append(" -r");
                Iterable<String> candidates = option.completionCandidates();
                if (candidates != null && candidates.iterator().hasNext()) {
                    script.append(" -x -a ").append(quote(String.join(" ", candidates)));
                }
            }
            String[] description = option.description();
            if (description.length > 0) {
                script.append(" -d ").append(quote(description[0]));
            }
            script.append('\n');
        }
    }

    private static String firstLine(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length > 0 ? description[0] : "";
    }

    /** A fish single-quoted string. */
    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The values of SHELL, lower case, for completion. */
    static final class Shells implements Iterable<String> {

        @Override
        public Iterator<String> iterator() {
            return List.of("bash", "zsh", "fish").iterator();
        }
    }
}
