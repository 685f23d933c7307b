package dev.rooms.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rooms}: without a command it prints its usage. */
@Command(name = "rooms",
        versionProvider = VersionProvider.class,
        description = "Chat rooms from the command line: log in, manage rooms, script them with --json, chat live.",
        subcommands = {
                RegisterCommand.class, LoginCommand.class, LogoutCommand.class, WhoamiCommand.class,
                ProfileCommand.class, RoomCommand.class, MessagesCommand.class, SendCommand.class,
                ChatCommand.class, CompletionCommand.class, HelpCommand.class,
        },
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:error (invalid input, server error)",
                "2:usage (unknown command or option, missing argument)",
                "3:not logged in, or the server rejected the session (401)",
                "4:not found (room)",
                "5:forbidden (only a room's creator may change it)",
                "6:cannot reach the server",
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
                "  ROOMS_SERVER     server URL, overridden by --server",
                "  ROOMS_PROFILE    profile name, overridden by --profile",
                "  XDG_CONFIG_HOME  where rooms/config and rooms/tokens/ live (default ~/.config)",
                "  NO_COLOR         no colour in output",
                "",
                "Examples:",
                "  rooms login --email ada@example.com",
                "  rooms room create Lobby --description 'Say hello'",
                "  rooms send Lobby 'Hello, everyone!'",
                "  rooms chat Lobby",
                "  rooms room list --json | jq -r '.[].name'",
        })
final class RoomsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = {"-V", "--version"}, versionHelp = true, order = 1, description = "Print the version and exit.")
    boolean version;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
