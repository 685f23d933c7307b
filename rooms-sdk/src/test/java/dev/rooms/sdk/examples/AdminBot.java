package dev.rooms.sdk.examples;

import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.RoomsException;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Example: a bot for room admins that answers {@code !rooms} with the list of active rooms.
 *
 * <p>Run: {@code AdminBot <base-url> <email> <password> <room-id>}. REST calls made inside a callback are fine:
 * the callback thread is the connection's own, and later events wait for it.
 */
public final class AdminBot implements RoomListener {

    /** Keeps the answer readable; the server would take more (16,000 characters by default) and refuses beyond. */
    private static final int MAX_ANSWER = 5_000;

    private final RoomsClient client;

    private AdminBot(RoomsClient client) {
        this.client = client;
    }

    /**
     * Logs in and starts answering in a room.
     *
     * @param client   the client
     * @param email    the bot's email
     * @param password the bot's password
     * @param roomId   the room to join
     * @return the live connection (close it to stop the bot)
     */
    public static RoomConnection start(RoomsClient client, String email, String password, long roomId) {
        client.auth().login(email, password);
        return client.connect(roomId, new AdminBot(client));
    }

    /**
     * Runs the bot.
     *
     * @param args base URL, email, password, room id
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: AdminBot <base-url> <email> <password> <room-id>");
            System.exit(2);
        }
        RoomsClient client = RoomsClient.builder().baseUrl(args[0]).build();
        // Ctrl-C or SIGTERM: close the room connection cleanly (a normal close frame) before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "bot-shutdown"));
        start(client, args[1], args[2], Long.parseLong(args[3]));
    }

    /**
     * Formats the room list as one chat message.
     *
     * @param rooms the rooms
     * @return e.g. {@code Rooms: #1 Lobby (chat), #2 Standup (video)}
     */
    static String describe(List<Room> rooms) {
        if (rooms.isEmpty()) {
            return "No rooms.";
        }
        String text = rooms.stream()
                .map(room -> "#" + room.id() + " " + room.name() + " (" + room.roomType().wireValue() + ")")
                .collect(Collectors.joining(", ", "Rooms: ", ""));
        return text.length() <= MAX_ANSWER ? text : text.substring(0, MAX_ANSWER - 1) + "…";
    }

    @Override
    public void onMessage(RoomConnection connection, Message message) {
        if (!message.content().trim().equals("!rooms")) {
            return;
        }
        try {
            connection.send(describe(client.rooms().list()));
        } catch (RoomsException e) {
            connection.send("Cannot list rooms: " + e.getMessage());
        }
    }
}
