package dev.rooms.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rooms completion}: prints the bash completion script, which zsh loads through bashcompinit. */
@Command(name = "completion", description = {
        "Print a completion script for bash and zsh.",
        "bash: source <(rooms completion)   (or save it under ~/.local/share/bash-completion/completions/rooms)",
        "zsh:  autoload -U +X bashcompinit && bashcompinit && source <(rooms completion)",
})
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("rooms", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
