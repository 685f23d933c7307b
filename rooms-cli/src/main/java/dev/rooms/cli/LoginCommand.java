package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.User;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rooms login}: exchanges email and password for tokens kept in the profile's token file. */
@Command(name = "login",
        description = {
                "Log in and keep the tokens (readable only by you) for this profile.",
                "With --server, the server is remembered for the profile.",
        })
final class LoginCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Option(names = {"-e", "--email"}, description = "Account email (asked for when missing).")
    String email;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Mixin
    GlobalOptions global;

    LoginCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        RoomsClient client = invocation.client();
        String address = email != null ? email : invocation.prompt("Email: ");
        String password = Passwords.read(invocation, passwordStdin, false);

        client.auth().login(address, password);
        User me = client.auth().profile();
        if (invocation.serverOption != null) {
            invocation.configuration().saveServer(invocation.serverOption);
        }

        if (invocation.output().json()) {
            invocation.output().printJson(me);
        } else {
            invocation.output().println("Logged in as " + ProfileCommand.describe(me) + " on "
                    + invocation.configuration().server() + invocation.profileHint() + ".");
        }
        return ExitCodes.OK;
    }
}
