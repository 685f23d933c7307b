package dev.rooms.cli;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rooms}: without a command it prints its usage. Its subcommands are added by {@link #commandLine}, which
 * builds only the one a run names: picocli reads every command class by reflection, which is most of a short
 * command's start-up.
 */
@Command(name = "rooms",
        versionProvider = VersionProvider.class,
        description = "Chat rooms from the command line: log in, manage rooms, script them with --json, chat live.",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:error (invalid input, server error)",
                "2:usage (unknown command or option, missing argument)",
                "3:not logged in (to this server), or the server rejected the session (401)",
                "4:not found (room, message)",
                "5:forbidden (only a room's creator may change it; only a message's author may edit it)",
                "6:cannot reach the server",
                "7:a message was sent but the server did not answer in time (it may or may not have been stored)",
                "8:the server is rate limiting this client (the message says how long to wait)",
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
                "  rooms search deploy --room Lobby --since 3d",
                "  rooms chat Lobby",
                "  rooms room list --json | jq -r '.[].name'",
        })
final class RoomsCommand implements Callable<Integer> {

    /** The commands in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            RegisterCommand.class, LoginCommand.class, LogoutCommand.class, AuthCommand.class, WhoamiCommand.class,
            ProfileCommand.class, RoomCommand.class, MessagesCommand.class, SearchCommand.class, SendCommand.class,
            MessageCommand.class, WhoCommand.class,
            ChatCommand.class, CompletionCommand.class, CompletionCandidatesCommand.class, HelpCommand.class);

    /** Commands that need the whole tree: help describes other commands, completion lists all of them. */
    private static final Set<String> NEED_ALL = Set.of("help", "completion");

    /** Root options that take a value, so the value is not mistaken for a command name. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--server", "--profile", "-o", "--output");

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Option(names = {"-V", "--version"}, versionHelp = true, order = 1, description = "Print the version and exit.")
    boolean version;

    /**
     * The command tree for {@code args}: the root plus the command the arguments name, or every command when they
     * name none (usage, {@code --help}, a mistyped name that needs suggestions), {@code help} or
     * {@code completion}.
     */
    static CommandLine commandLine(IFactory factory, String... args) {
        CommandLine root = new CommandLine(RoomsCommand.class, factory);
        String named = commandName(args);
        for (Class<?> command : COMMANDS) {
            String name = command.getAnnotation(Command.class).name();
            if (named == null || NEED_ALL.contains(named) || named.equals(name)) {
                root.addSubcommand(name, command);
            }
        }
        if (root.getSubcommands().isEmpty()) {
            COMMANDS.forEach(command -> root.addSubcommand(command.getAnnotation(Command.class).name(), command));
        }
        return root;
    }

    private static String commandName(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (OPTIONS_WITH_VALUE.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
