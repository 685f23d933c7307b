package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.User;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rooms profile show|update|delete}: the logged-in user's account. */
@Command(name = "profile", description = "Show, change or delete your account.", commandListHeading = "%nCommands:%n")
final class ProfileCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    ProfileCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    @Command(name = "show", description = "Show your account.")
    int show(@Mixin GlobalOptions options) {
        print(invocation.loggedInClient().auth().profile());
        return ExitCodes.OK;
    }

    @Command(name = "update", description = "Change your display name or email.")
    int update(@Option(names = {"-n", "--name"}, description = "New display name.") String name,
               @Option(names = {"-e", "--email"}, description = "New email.") String email,
               @Mixin GlobalOptions options) {
        if (name == null && email == null) {
            throw new ParameterException(spec.subcommands().get("update"), "nothing to change: give --name or --email");
        }
        print(invocation.loggedInClient().auth().updateProfile(name, email));
        return ExitCodes.OK;
    }

    @Command(name = "delete", description = "Delete your account for good (asks first unless --yes).")
    int delete(@Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.") boolean yes,
               @Mixin GlobalOptions options) {
        RoomsClient client = invocation.loggedInClient();
        User me = client.auth().profile();
        if (!yes) {
            invocation.confirm("Delete the account " + describe(me) + " and sign out everywhere?",
                    "not deleting the account without confirmation; add --yes", "the account was kept");
        }

        client.auth().deleteAccount();

        if (!invocation.output().json()) {
            invocation.output().println("Deleted the account " + describe(me) + ".");
        }
        return ExitCodes.OK;
    }

    private void print(User user) {
        if (invocation.output().json()) {
            invocation.output().printJson(user);
        } else {
            invocation.output().printPairs(table(user));
        }
    }

    static Table table(User user) {
        return new Table("", "")
                .row("Name", user.name())
                .row("Email", user.email())
                .row("ID", user.id())
                .row("Joined", Output.localTime(user.dateJoined()));
    }

    static String describe(User user) {
        return user.name() + " <" + user.email() + ">";
    }
}
