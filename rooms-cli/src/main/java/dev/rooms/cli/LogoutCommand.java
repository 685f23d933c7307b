package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rooms logout}: revokes the refresh token on the server and deletes the profile's token file. */
@Command(name = "logout", description = "Log out: the server revokes the session, the local tokens are deleted.")
final class LogoutCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Mixin
    GlobalOptions global;

    LogoutCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        RoomsClient client = invocation.client();
        boolean wasLoggedIn = client.tokenStore().load().isPresent();

        client.auth().logout();

        if (!invocation.output().json()) {
            invocation.output().println(wasLoggedIn ? "Logged out." : "Not logged in.");
        }
        return ExitCodes.OK;
    }
}
