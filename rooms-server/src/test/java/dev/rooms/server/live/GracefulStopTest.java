package dev.rooms.server.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.RequiredServices;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server stopping (SIGTERM: its context closes) while its clients' chat is in flight through Redis sends
 * every sender the echo of each message it stored before closing with 1001.
 */
class GracefulStopTest {

    @Test
    void stopWhileChatIsInFlightThenEveryStoredMessageIsEchoedWithItsNonceBefore1001() throws Exception {
        RequiredServices.requireRedis();
        String database = "jdbc:h2:mem:graceful-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        ServerInstance server = ServerInstance.start(RoomsServerApplication.class, Map.of("spring.datasource.url", database,
                "rooms.redis.url", RequiredServices.REDIS_URL, "rooms.redis.channel-prefix", "graceful-" + UUID.randomUUID()));
        ApiClient api = new ApiClient(server.port());
        List<TestUser> senders = new ArrayList<>();
        List<SocketClient> sockets = new ArrayList<>();
        long room = api.createRoom(api.register("Owner"));
        for (int i = 0; i < 4; i++) {
            senders.add(api.register("Sender" + i));
            sockets.add(SocketClient.open(server.port(), room, senders.get(i).access()));
        }

        for (int n = 0; n < 300; n++) {
            sockets.get(n % 4).sendJson(Map.of("content", "m" + n, "nonce", "n" + n));
        }
        // Chat is flowing (the first message is stored and back) while most of it is still in flight.
        JsonNode firstEcho = sockets.get(0).next();
        server.close();

        Map<String, String> stored = storedContentByNonce(database, room);
        for (int i = 0; i < 4; i++) {
            SocketClient socket = sockets.get(i);
            assertThat(socket.awaitClose(20).code()).isEqualTo(1001);
            Map<String, String> echoed = new HashMap<>();
            List<JsonNode> received = new ArrayList<>(socket.takeReceived());
            if (i == 0) {
                received.add(firstEcho);
            }
            for (JsonNode frame : received) {
                if (frame.has("nonce")) {
                    echoed.put(frame.get("nonce").stringValue(), frame.get("content").stringValue());
                }
            }
            int index = i;
            Map<String, String> own = new HashMap<>();
            stored.forEach((nonce, content) -> {
                if (Integer.parseInt(nonce.substring(1)) % 4 == index) {
                    own.put(nonce, content);
                }
            });
            assertThat(echoed).as("sender %d: the echo of every message of its that was stored", i).containsAllEntriesOf(own);
        }
        assertThat(stored).as("something was in flight").isNotEmpty();
    }

    /** Content is "m<n>", sent with nonce "n<n>": the stored messages, by the nonce they were sent with. */
    private static Map<String, String> storedContentByNonce(String database, long room) throws Exception {
        Map<String, String> stored = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(database, "sa", "");
             PreparedStatement query = connection.prepareStatement("SELECT content FROM message WHERE room_id = ?")) {
            query.setLong(1, room);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String content = rows.getString(1);
                    stored.put("n" + content.substring(1), content);
                }
            }
        }
        return stored;
    }
}
