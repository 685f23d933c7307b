package dev.rooms.cli;

import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomQuery;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Room;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A ROOM argument: a room id ({@code 42} or {@code #42}) or a room name, looked up among the rooms the server
 * finds for it (exact name first, then ignoring case). A name that is all digits would read as an id, so
 * {@code name:2024} always means the name; ids stay what scripts pass, and cost no lookup.
 */
final class RoomArgument {

    /** The help text of every ROOM parameter. */
    static final String HELP = "Room id (42 or #42) or name (name:2024 for a name that is a number).";

    private static final String NAME_PREFIX = "name:";

    private RoomArgument() {
    }

    /** The room, fetched by id or found by name. */
    static Room find(RoomsClient client, String argument) {
        Long id = parseId(argument);
        if (id != null) {
            try {
                return client.rooms().get(id);
            } catch (NotFoundException e) {
                throw notFound(argument);
            }
        }
        return byName(client, argument);
    }

    /** The room's id; a name costs one lookup, an id none. */
    static long id(RoomsClient client, String argument) {
        Long id = parseId(argument);
        return id != null ? id : byName(client, argument).id();
    }

    static CliException notFound(String argument) {
        Long id = parseId(argument);
        if (id == null) {
            return new CliException(ExitCodes.NOT_FOUND, "no room named '" + name(argument) + "'");
        }
        // "#42" says it is an id; "42" may have been meant as a name.
        return new CliException(ExitCodes.NOT_FOUND, "no room with id " + id + (argument.startsWith("#") ? ""
                : " (for a room named '" + argument + "', write name:" + argument + ")"));
    }

    private static Room byName(RoomsClient client, String argument) {
        String name = name(argument);
        // The server narrows the list to rooms whose name or description contains it; the rules stay here.
        List<Room> rooms = name.isBlank() ? client.rooms().list()
                : client.rooms().list(RoomQuery.builder().search(name.strip()).build());
        List<Room> matches = rooms.stream().filter(room -> room.name().equals(name)).toList();
        if (matches.isEmpty()) {
            matches = rooms.stream().filter(room -> room.name().equalsIgnoreCase(name.strip())).toList();
        }
        if (matches.isEmpty()) {
            throw notFound(argument);
        }
        if (matches.size() > 1) {
            throw new CliException(ExitCodes.ERROR, "several rooms are named '" + name + "' (ids "
                    + matches.stream().map(room -> String.valueOf(room.id())).collect(Collectors.joining(", "))
                    + "); use the id");
        }
        return matches.get(0);
    }

    /** The name an argument means: without its {@code name:} prefix. */
    private static String name(String argument) {
        return argument.startsWith(NAME_PREFIX) ? argument.substring(NAME_PREFIX.length()) : argument;
    }

    private static Long parseId(String argument) {
        if (argument.startsWith(NAME_PREFIX)) {
            return null;
        }
        String text = argument.startsWith("#") ? argument.substring(1) : argument;
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(text);
    }
}
