package dev.rooms.cli;

import dev.rooms.sdk.model.User;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rooms whoami}: who is logged in, where, and through which profile. */
@Command(name = "whoami", description = "Show the logged-in user, the server and the profile.")
final class WhoamiCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Mixin
    GlobalOptions global;

    WhoamiCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        User me = invocation.loggedInClient().auth().profile();

        if (invocation.output().json()) {
            invocation.output().printJson(me);
        } else {
            Configuration config = invocation.configuration();
            invocation.output().printPairs(ProfileCommand.table(me)
                    .row("Server", config.server() + " (from " + config.serverSource() + ")")
                    .row("Profile", config.profile()));
        }
        return ExitCodes.OK;
    }
}
