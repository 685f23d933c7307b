package dev.rooms.sdk.examples;

import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.Message;

/**
 * Example: a bot that repeats every message other people send to a room.
 *
 * <p>Run: {@code EchoBot <base-url> <email> <password> <room-id>}. It runs until the room is deleted or the
 * process is stopped; drops are repaired by the SDK.
 */
public final class EchoBot implements RoomListener {

    private final long selfId;

    private EchoBot(long selfId) {
        this.selfId = selfId;
    }

    /**
     * Logs in and starts echoing in a room.
     *
     * @param client   the client
     * @param email    the bot's email
     * @param password the bot's password
     * @param roomId   the room to join
     * @return the live connection (close it to stop the bot)
     */
    public static RoomConnection start(RoomsClient client, String email, String password, long roomId) {
        client.auth().login(email, password);
        return client.connect(roomId, new EchoBot(client.self().id()));
    }

    /**
     * Runs the bot.
     *
     * @param args base URL, email, password, room id
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: EchoBot <base-url> <email> <password> <room-id>");
            System.exit(2);
        }
        RoomsClient client = RoomsClient.builder().baseUrl(args[0]).build();
        // Ctrl-C or SIGTERM: close the room connection cleanly (a normal close frame) before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "bot-shutdown"));
        start(client, args[1], args[2], Long.parseLong(args[3]));
        // The connection's threads keep the JVM running until it closes.
    }

    @Override
    public void onMessage(RoomConnection connection, Message message) {
        // Skipping our own messages keeps the bot from echoing its echoes forever.
        if (message.user().id() != selfId) {
            connection.send("echo: " + message.content())
                    .exceptionally(failure -> {
                        System.err.println("echo not confirmed: " + failure.getMessage());
                        return null;
                    });
        }
    }

    @Override
    public void onClosed(RoomConnection connection, int code, String reason) {
        System.err.println("echo bot stopped: " + code + " " + reason);
    }
}
