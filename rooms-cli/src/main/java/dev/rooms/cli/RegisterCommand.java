package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.User;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rooms register}: creates an account and logs in to it. */
@Command(name = "register",
        description = "Create an account on the server and log in to it.")
final class RegisterCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Option(names = {"-e", "--email"}, description = "Account email (asked for when missing).")
    String email;

    @Option(names = {"-n", "--name"}, description = "Display name (asked for when missing).")
    String name;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Mixin
    GlobalOptions global;

    RegisterCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        RoomsClient client = invocation.client();
        String address = email != null ? email : invocation.prompt("Email: ");
        String displayName = name != null ? name : invocation.prompt("Name: ");
        String password = Passwords.read(invocation, passwordStdin, true);

        User me = client.auth().register(address, displayName, password);
        client.auth().login(address, password);
        if (invocation.serverOption != null) {
            invocation.configuration().saveServer(invocation.serverOption);
        }

        if (invocation.output().json()) {
            invocation.output().printJson(me);
        } else {
            invocation.output().println("Registered " + ProfileCommand.describe(me) + " and logged in on "
                    + invocation.configuration().server() + invocation.profileHint() + ".");
        }
        return ExitCodes.OK;
    }
}
