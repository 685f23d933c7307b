package dev.rooms.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rooms.sdk.model.FoundMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.Tokens;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lazy streams: they follow {@code Link: rel="next"} as the server wrote it, page by page, and nowhere else. */
class PagingTest {

    private final MockWebServer server = new MockWebServer();
    private final MockWebServer elsewhere = new MockWebServer();
    private final TokenStore store = TokenStore.inMemory();
    private final Tokens tokens = TestTokens.longLived();
    private RoomsClient client;

    @BeforeEach
    void start() throws Exception {
        server.start();
        elsewhere.start();
        store.save(tokens);
        client = RoomsClient.builder().baseUrl(server.url("/").toString()).tokenStore(store).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        elsewhere.close();
    }

    @Test
    void listAllFollowsEachNextLinkExactlyUntilAnAnswerHasNone() throws Exception {
        String second = server.url("/api/rooms/?limit=2&after=2&cursor=x%2By").toString();
        String third = server.url("/api/rooms/?after=4&limit=2&extra=kept").toString();
        server.enqueue(page(rooms(1, 2), "<" + second + ">; rel=\"next\""));
        server.enqueue(page(rooms(3, 4), "<" + server.url("/api/rooms/?before=3") + ">; rel=\"prev\", <" + third
                + ">; rel=\"next\""));
        server.enqueue(page(rooms(5), null));

        List<Room> all = client.rooms().listAll(RoomQuery.builder().limit(2).build()).toList();

        assertThat(all).extracting(Room::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(take().getTarget()).isEqualTo("/api/rooms/?limit=2");
        RecordedRequest secondRequest = take();
        assertThat(secondRequest.getTarget()).isEqualTo("/api/rooms/?limit=2&after=2&cursor=x%2By");
        assertThat(secondRequest.getHeaders().get("Authorization")).isEqualTo("Bearer " + tokens.access());
        assertThat(take().getTarget()).isEqualTo("/api/rooms/?after=4&limit=2&extra=kept");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void listAllRequestsAPageOnlyWhenTheConsumerReachesIt() throws Exception {
        server.enqueue(page(rooms(1, 2), "<" + server.url("/api/rooms/?after=2&limit=2") + ">; rel=\"next\""));
        server.enqueue(page(rooms(3), null));

        Stream<Room> stream = client.rooms().listAll(RoomQuery.builder().limit(2).build());
        int beforeUse = server.getRequestCount();
        Iterator<Room> rooms = stream.iterator();
        List<Integer> countAfterEach = new ArrayList<>();
        while (rooms.hasNext()) {
            rooms.next();
            countAfterEach.add(server.getRequestCount());
        }

        assertThat(beforeUse).isZero();
        assertThat(countAfterEach).containsExactly(1, 1, 2);
    }

    @Test
    void shortCircuitingConsumerFetchesNoFurtherPage() {
        server.enqueue(page(rooms(1, 2), "<" + server.url("/api/rooms/?after=2&limit=2") + ">; rel=\"next\""));

        List<Room> firstTwo = client.rooms().listAll(RoomQuery.builder().limit(2).build()).limit(2).toList();

        assertThat(firstTwo).extracting(Room::id).containsExactly(1L, 2L);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void emptyPageThatLinksOnIsFollowed() {
        server.enqueue(page("[]", "<" + server.url("/api/rooms/?after=9") + ">; rel=\"next\""));
        server.enqueue(page(rooms(10), null));

        assertThat(client.rooms().listAll(RoomQuery.builder().limit(5).build())).extracting(Room::id)
                .containsExactly(10L);
    }

    @Test
    void relativeNextLinkIsResolvedAgainstThePageItCameWith() throws Exception {
        RoomsClient prefixed = RoomsClient.builder().baseUrl(server.url("/chat/").toString()).tokenStore(store)
                .build();
        server.enqueue(page(rooms(1), "<?after=1&limit=1>; rel=\"next\""));
        server.enqueue(page(rooms(2), null));

        List<Room> all = prefixed.rooms().listAll(RoomQuery.builder().limit(1).build()).toList();

        assertThat(all).extracting(Room::id).containsExactly(1L, 2L);
        assertThat(take().getTarget()).isEqualTo("/chat/api/rooms/?limit=1");
        assertThat(take().getTarget()).isEqualTo("/chat/api/rooms/?after=1&limit=1");
    }

    @Test
    void nextLinkToAnotherServerIsRefusedAndNothingIsSentThere() {
        String foreign = elsewhere.url("/api/rooms/?after=2").toString();
        server.enqueue(page(rooms(1, 2), "<" + foreign + ">; rel=\"next\""));
        List<Long> seen = new ArrayList<>();

        TransportException e = catchThrowableOfType(TransportException.class, () -> client.rooms()
                .listAll(RoomQuery.builder().limit(2).build()).forEach(room -> seen.add(room.id())));

        assertThat(e).hasMessageStartingWith("Refusing to follow the next-page link of " + server.url("/api/rooms/")
                + "?limit=2 to " + foreign + ": it is not on " + server.url("/"));
        assertThat(seen).isEmpty();
        assertThat(elsewhere.getRequestCount()).isZero();
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void nextLinkWithAnotherSchemeHostOrBasePathIsRefused() {
        RoomsClient prefixed = RoomsClient.builder().baseUrl(server.url("/chat/").toString()).tokenStore(store)
                .build();
        String https = server.url("/chat/api/rooms/?after=1").newBuilder().scheme("https").build().toString();
        String otherHost = server.url("/chat/api/rooms/?after=1").newBuilder().host("rooms.invalid").build()
                .toString();
        String outsideBase = server.url("/admin/api/rooms/?after=1").toString();
        for (String target : List.of(https, otherHost, outsideBase, "//rooms.invalid/chat/api/rooms/")) {
            server.enqueue(page(rooms(1), "<" + target + ">; rel=\"next\""));

            TransportException e = catchThrowableOfType(TransportException.class,
                    () -> prefixed.rooms().listAll(RoomQuery.builder().limit(1).build()).toList());

            assertThat(e).as(target).hasMessageContaining("it is not on " + server.url("/chat/"));
        }
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void nextLinkBackToTheSamePageIsRefusedInsteadOfLoopingForever() {
        server.enqueue(page(rooms(1), "<" + server.url("/api/rooms/?limit=1") + ">; rel=\"next\""));

        TransportException e = catchThrowableOfType(TransportException.class,
                () -> client.rooms().listAll(RoomQuery.builder().limit(1).build()).toList());

        assertThat(e).hasMessageContaining("points at the same page");
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void errorAnswerMidStreamIsThrownFromTheStreamAfterTheEarlierPages() {
        server.enqueue(page(rooms(1, 2), "<" + server.url("/api/rooms/7/messages/?after=2") + ">; rel=\"next\""));
        server.enqueue(RestCallsTest.json(404, "{\"detail\":\"Not found.\"}"));
        List<Long> seen = new ArrayList<>();

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> client.rooms()
                .messagesAll(7, MessageQuery.builder().after(0).limit(2).build())
                .forEach(message -> seen.add(message.id())));

        assertThat(seen).containsExactly(1L, 2L);
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.detail()).isEqualTo("Not found.");
    }

    @Test
    void serverGoneMidStreamIsATransportExceptionFromTheStream() {
        server.enqueue(page(rooms(1), "<" + server.url("/api/rooms/?after=1") + ">; rel=\"next\""));
        Iterator<Room> rooms = client.rooms().listAll(RoomQuery.builder().limit(1).build()).iterator();
        Room first = rooms.next();
        server.close();

        TransportException e = catchThrowableOfType(TransportException.class, rooms::hasNext);

        assertThat(first.id()).isEqualTo(1L);
        assertThat(e).hasMessageStartingWith("Cannot reach " + server.url("/api/rooms/") + "?after=1");
    }

    @Test
    void messagesAllReadsAWholeHistoryForwardInPages() throws Exception {
        server.enqueue(page(rooms(1, 2), "<" + server.url("/api/rooms/7/messages/?after=2&limit=2") + ">; rel=\"next\""));
        server.enqueue(page(rooms(3), null));

        List<Long> ids = client.rooms().messagesAll(7, MessageQuery.builder().after(0).limit(2).build())
                .map(Message::id).toList();

        assertThat(ids).containsExactly(1L, 2L, 3L);
        assertThat(take().getTarget()).isEqualTo("/api/rooms/7/messages/?after=0&limit=2");
        assertThat(take().getTarget()).isEqualTo("/api/rooms/7/messages/?after=2&limit=2");
    }

    @Test
    void searchAllFollowsTheSearchsNextLinks() throws Exception {
        server.enqueue(page(found(9, 8), "<" + server.url("/api/messages/search/?q=deploy&before=8&limit=2")
                + ">; rel=\"next\""));
        server.enqueue(page(found(3), null));

        List<FoundMessage> results = client.messages().searchAll(MessageSearch.builder("deploy").limit(2).build())
                .toList();

        assertThat(results).extracting(found -> found.message().id()).containsExactly(9L, 8L, 3L);
        assertThat(results).extracting(found -> found.room().name()).containsOnly("Ops");
        assertThat(take().getTarget()).isEqualTo("/api/messages/search/?q=deploy&limit=2");
        assertThat(take().getTarget()).isEqualTo("/api/messages/search/?q=deploy&before=8&limit=2");
    }

    private static MockResponse page(String body, String link) {
        MockResponse.Builder response = new MockResponse.Builder().code(200)
                .addHeader("Content-Type", "application/json").body(body);
        if (link != null) {
            response.addHeader("Link", link);
        }
        return response.build();
    }

    /** Rooms or messages: both parse from this shape's fields that matter here (id, name or content, user). */
    private static String rooms(long... ids) {
        return LongStream.of(ids).mapToObj(id -> "{\"id\":" + id + ",\"name\":\"Room " + id + "\",\"content\":\"m"
                        + id + "\",\"user\":{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada\"},"
                        + "\"creator\":{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada\"},"
                        + "\"room_type\":\"chat\",\"created_at\":\"2026-12-01T00:00:00Z\",\"is_active\":true}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String found(long... ids) {
        return LongStream.of(ids).mapToObj(id -> "{\"id\":" + id + ",\"content\":\"deploy " + id + "\","
                        + "\"user\":{\"id\":1,\"email\":\"ada@example.com\",\"name\":\"Ada\"},"
                        + "\"created_at\":\"2026-12-01T00:00:00Z\",\"room\":{\"id\":7,\"name\":\"Ops\"}}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("request").isNotNull();
        return request;
    }
}
