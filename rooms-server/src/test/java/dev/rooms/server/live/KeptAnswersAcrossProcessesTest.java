package dev.rooms.server.live;

import java.util.ArrayList;
import java.util.List;

import dev.rooms.server.RoomsServerApplication;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.ServerInstance;
import dev.rooms.testing.SharedBackend;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis, two servers on one database: a change made through one is in the other's very next room list and
 * history (a server that kept its answers between its own writes would miss the other's).
 */
class KeptAnswersAcrossProcessesTest {

    private static SharedBackend backend;
    private static ServerInstance first;
    private static ServerInstance second;
    private static ApiClient firstApi;
    private static ApiClient secondApi;
    private static TestAbortedException servicesMissing;

    @BeforeAll
    static void startTwoServers() {
        try {
            backend = SharedBackend.create("rooms_kept");
        } catch (TestAbortedException missing) {
            servicesMissing = missing;
            return;
        }
        first = ServerInstance.start(RoomsServerApplication.class, backend.properties());
        second = ServerInstance.start(RoomsServerApplication.class, backend.properties());
        firstApi = new ApiClient(first.port());
        secondApi = new ApiClient(second.port());
    }

    @BeforeEach
    void skipWhenServicesMissing() {
        if (servicesMissing != null) {
            throw servicesMissing;
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void roomCreatedAndMessagePostedOnOneServerThenTheOthersVeryNextAnswersHaveThem() {
        TestUser alice = firstApi.register("Alice");
        long room = firstApi.createRoom(alice);
        assertThat(roomIds(secondApi, alice)).contains(room);
        assertThat(secondApi.history(alice, room)).isEmpty();
        assertThat(secondApi.history(alice, room)).isEmpty();

        long other = firstApi.createRoom(alice);
        firstApi.post(alice, room, "from the first server", null);

        assertThat(roomIds(secondApi, alice)).contains(room, other);
        assertThat(secondApi.history(alice, room)).extracting(message -> message.get("content").stringValue())
                .containsExactly("from the first server");
    }

    private static List<Long> roomIds(ApiClient api, TestUser user) {
        ApiClient.Response response = api.get("/api/rooms/", user.access());
        assertThat(response.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().forEach(room -> ids.add(room.get("id").longValue()));
        return ids;
    }
}
