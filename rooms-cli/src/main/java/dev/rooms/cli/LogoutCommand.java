package dev.rooms.cli;

import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.TransportException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rooms logout}: revokes the refresh token on the server and deletes the profile's token file. When the
 * server cannot be reached the session stays valid there, so the tokens are kept (exit 6) unless {@code --local}
 * says to forget them without asking the server.
 */
@Command(name = "logout", description = {
        "Log out: the server revokes the session, then the local tokens are deleted.",
        "If the server cannot be reached, nothing is revoked and the tokens are kept (exit 6): try again later, or "
                + "use --local to delete them anyway.",
})
final class LogoutCommand implements Callable<Integer> {

    private final Invocation invocation;

    @Option(names = "--local", description = "Only delete the local tokens; the session stays valid on the server "
            + "until it expires.")
    boolean local;

    @Mixin
    GlobalOptions global;

    LogoutCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        RoomsClient client = invocation.client();
        boolean wasLoggedIn = client.tokenStore().load().isPresent();

        if (local) {
            client.tokenStore().clear();
        } else {
            try {
                client.auth().logout();
            } catch (TransportException unreachable) {
                throw new CliException(ExitCodes.UNREACHABLE, "cannot reach the server at "
                        + invocation.configuration().server() + " to revoke the session, so it stays valid there; "
                        + "the local tokens are kept. Try again later, or run 'rooms logout --local' to delete "
                        + "them anyway");
            }
        }

        if (!invocation.output().json()) {
            invocation.output().println(!wasLoggedIn ? "Not logged in."
                    : local ? "Deleted the local tokens; the session stays valid on the server until it expires."
                    : "Logged out.");
        }
        return ExitCodes.OK;
    }
}
