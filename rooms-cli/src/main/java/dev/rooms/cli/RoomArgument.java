package dev.rooms.cli;

import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomQuery;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Room;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A ROOM argument: a room id ({@code 42} or {@code #42}) or a room name, looked up among the rooms the server
 * finds for it (exact name first, then ignoring case).
 */
final class RoomArgument {

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
        return new CliException(ExitCodes.NOT_FOUND,
                id != null ? "no room with id " + id : "no room named '" + argument + "'");
    }

    private static Room byName(RoomsClient client, String name) {
        // The server narrows the list to rooms whose name or description contains it; the rules stay here.
        List<Room> rooms = name.isBlank() ? client.rooms().list()
                : client.rooms().list(RoomQuery.builder().search(name.strip()).build());
        List<Room> matches = rooms.stream().filter(room -> room.name().equals(name)).toList();
        if (matches.isEmpty()) {
            matches = rooms.stream().filter(room -> room.name().equalsIgnoreCase(name.strip())).toList();
        }
        if (matches.isEmpty()) {
            throw notFound(name);
        }
        if (matches.size() > 1) {
            throw new CliException(ExitCodes.ERROR, "several rooms are named '" + name + "' (ids "
                    + matches.stream().map(room -> String.valueOf(room.id())).collect(Collectors.joining(", "))
                    + "); use the id");
        }
        return matches.get(0);
    }

    private static Long parseId(String argument) {
        String text = argument.startsWith("#") ? argument.substring(1) : argument;
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(text);
    }
}
