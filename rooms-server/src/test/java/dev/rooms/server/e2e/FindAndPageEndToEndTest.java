package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.rooms.sdk.MessageQuery;
import dev.rooms.sdk.MessageSearch;
import dev.rooms.sdk.NotFoundException;
import dev.rooms.sdk.RoomConnection;
import dev.rooms.sdk.RoomListener;
import dev.rooms.sdk.RoomQuery;
import dev.rooms.sdk.RoomsClient;
import dev.rooms.sdk.model.FoundMessage;
import dev.rooms.sdk.model.Message;
import dev.rooms.sdk.model.Room;
import dev.rooms.sdk.model.RoomSummary;
import dev.rooms.sdk.model.RoomType;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * The SDK's typed queries and lazy paging streams against the real server: filters on the wire, {@code Link}
 * headers followed as the server writes them, and a page fetched only when the stream gets there.
 */
class FindAndPageEndToEndTest extends EndToEndTest {

    /** Every URL the client of {@link #recordedAccount} requested, in order. */
    private final List<String> requested = new CopyOnWriteArrayList<>();

    @Test
    void listAllReadsEveryMatchingRoomInPagesByTheServersNextLinks() {
        Account ada = recordedAccount("Ada");
        Account bob = newAccount("Bob");
        String marker = "find" + System.nanoTime();
        List<Room> adas = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            adas.add(ada.client().rooms().create(marker + " room " + i, "", i % 2 == 0 ? RoomType.VIDEO : RoomType.CHAT));
        }
        Room bobs = bob.client().rooms().create("Other", "mentions " + marker.toUpperCase(), RoomType.VIDEO);
        requested.clear();

        List<Room> all = ada.client().rooms().listAll(RoomQuery.builder().search(marker).limit(2).build()).toList();

        assertThat(all).extracting(Room::id)
                .containsExactlyElementsOf(ids(adas, bobs));
        assertThat(requested).hasSize(3);
        assertThat(requested.get(0)).endsWith("/api/rooms/?search=" + marker + "&limit=2");
        assertThat(requested.get(1)).contains("after=" + adas.get(1).id());
        assertThat(requested.get(2)).contains("after=" + adas.get(3).id());
    }

    @Test
    void roomFiltersCombine() {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        String marker = "combine" + System.nanoTime();
        Room adaChat = ada.client().rooms().create(marker + " chat", "", RoomType.CHAT);
        Room adaVideo = ada.client().rooms().create(marker + " video", "", RoomType.VIDEO);
        Room bobVideo = bob.client().rooms().create(marker + " video too", "", RoomType.VIDEO);
        RoomQuery.Builder matching = RoomQuery.builder().search(marker);

        List<Room> videos = ada.client().rooms().list(RoomQuery.builder().search(marker).type(RoomType.VIDEO).build());
        List<Room> adasVideos = bob.client().rooms().list(matching.type(RoomType.VIDEO).creator(ada.id()).build());
        List<Room> bobsOwn = bob.client().rooms().list(RoomQuery.builder().search(marker).mine().build());
        List<Room> afterFirst = ada.client().rooms().list(RoomQuery.builder().search(marker).after(adaChat.id())
                .limit(1).build());

        assertThat(videos).extracting(Room::id).containsExactly(adaVideo.id(), bobVideo.id());
        assertThat(adasVideos).extracting(Room::id).containsExactly(adaVideo.id());
        assertThat(bobsOwn).extracting(Room::id).containsExactly(bobVideo.id());
        assertThat(afterFirst).extracting(Room::id).containsExactly(adaVideo.id());
    }

    @Test
    void messagesAllReadsAWholeHistoryForwardInPagesAndOnlyAsFarAsConsumed() throws Exception {
        Account ada = recordedAccount("Ada");
        Room room = newRoom(ada, "Long history");
        List<Message> sent = send(ada, room, "m1", "m2", "m3", "m4", "m5", "m6", "m7");
        MessageQuery forward = MessageQuery.builder().after(0).limit(3).build();
        requested.clear();

        List<Message> all = ada.client().rooms().messagesAll(room.id(), forward).toList();
        int pagesForAll = requested.size();
        requested.clear();
        List<Message> firstFour = ada.client().rooms().messagesAll(room.id(), forward).limit(4).toList();

        assertThat(all).isEqualTo(sent);
        assertThat(pagesForAll).isEqualTo(3);
        assertThat(firstFour).isEqualTo(sent.subList(0, 4));
        assertThat(requested).hasSize(2);
        assertThat(requested.get(1)).contains("after=" + sent.get(2).id()).contains("limit=3");
    }

    @Test
    void beforeScrollsBackAPageAtATimeOldestFirst() throws Exception {
        Account ada = newAccount("Ada");
        Room room = newRoom(ada, "Scroll back");
        List<Message> sent = send(ada, room, "a", "b", "c", "d", "e");

        List<Message> newest = ada.client().rooms().messages(room.id(), MessageQuery.builder().limit(2).build());
        List<Message> older = ada.client().rooms().messages(room.id(),
                MessageQuery.builder().before(newest.get(0).id()).limit(2).build());
        List<Message> oldest = ada.client().rooms().messages(room.id(),
                MessageQuery.builder().before(older.get(0).id()).limit(2).build());

        assertThat(newest).extracting(Message::content).containsExactly("d", "e");
        assertThat(older).extracting(Message::content).containsExactly("b", "c");
        assertThat(oldest).extracting(Message::content).containsExactly("a");
        assertThat(ada.client().rooms().messages(room.id(), MessageQuery.builder().after(sent.get(0).id())
                .before(sent.get(3).id()).build())).extracting(Message::content).containsExactly("b", "c");
    }

    @Test
    void messageFiltersBySearchUserAndTimeCombine() throws Exception {
        Account ada = newAccount("Ada");
        Account bob = newAccount("Bob");
        Room room = newRoom(ada, "Filters");
        List<Message> adas = send(ada, room, "Deploy started", "lunch?");
        List<Message> bobs = send(bob, room, "deploy DONE", "ok");
        List<Message> late = send(ada, room, "redeploy tomorrow");

        List<Message> deploys = ada.client().rooms().messages(room.id(), MessageQuery.builder().search("DEPLOY")
                .build());
        List<Message> bobsDeploys = ada.client().rooms().messages(room.id(), MessageQuery.builder().search("deploy")
                .user(bob.id()).build());
        List<Message> window = ada.client().rooms().messages(room.id(), MessageQuery.builder()
                .since(adas.get(1).createdAt()).until(late.get(0).createdAt()).build());
        List<Message> adasSince = ada.client().rooms().messages(room.id(), MessageQuery.builder().user(ada.id())
                .since(bobs.get(0).createdAt()).search("deploy").build());

        assertThat(deploys).extracting(Message::content)
                .containsExactly("Deploy started", "deploy DONE", "redeploy tomorrow");
        assertThat(bobsDeploys).extracting(Message::content).containsExactly("deploy DONE");
        assertThat(window).extracting(Message::content).containsExactly("lunch?", "deploy DONE", "ok");
        assertThat(adasSince).extracting(Message::content).containsExactly("redeploy tomorrow");
    }

    @Test
    void searchAllFindsMessagesOfEveryActiveRoomNewestFirstWithTheirRoom() throws Exception {
        Account ada = recordedAccount("Ada");
        Account bob = newAccount("Bob");
        String word = "zebra" + System.nanoTime();
        Room ops = newRoom(ada, "Ops");
        Room dev = newRoom(bob, "Dev");
        Room gone = newRoom(bob, "Gone");
        Message first = send(ada, ops, "a " + word + " here").get(0);
        send(ada, ops, "nothing to see");
        Message second = send(bob, dev, word.toUpperCase() + " again").get(0);
        Message third = send(ada, ops, "last " + word).get(0);
        send(bob, gone, word + " in a room about to go");
        bob.client().rooms().delete(gone.id());
        requested.clear();

        List<FoundMessage> found = ada.client().messages().searchAll(MessageSearch.builder(word).limit(2).build())
                .toList();
        List<String> searchPages = List.copyOf(requested);
        List<FoundMessage> inDev = ada.client().messages().search(MessageSearch.builder(word).room(dev.id()).build());
        List<FoundMessage> byAdaBefore = ada.client().messages().search(MessageSearch.builder(word).user(ada.id())
                .before(third.id()).build());

        assertThat(found).extracting(FoundMessage::message).containsExactly(third, second, first);
        assertThat(found).extracting(FoundMessage::room).containsExactly(new RoomSummary(ops.id(), "Ops"),
                new RoomSummary(dev.id(), "Dev"), new RoomSummary(ops.id(), "Ops"));
        assertThat(searchPages).hasSize(2);
        assertThat(searchPages.get(1)).contains("before=" + second.id());
        assertThat(inDev).extracting(result -> result.message().id()).containsExactly(second.id());
        assertThat(byAdaBefore).extracting(result -> result.message().id()).containsExactly(first.id());
    }

    @Test
    void roomDeletedWhileStreamingItsHistoryThenNotFoundFromTheStream() throws Exception {
        Account ada = newAccount("Ada");
        Room room = newRoom(ada, "Vanishing");
        send(ada, room, "one", "two", "three");
        List<String> seen = new ArrayList<>();

        NotFoundException e = catchThrowableOfType(NotFoundException.class, () -> ada.client().rooms()
                .messagesAll(room.id(), MessageQuery.builder().after(0).limit(2).build())
                .forEach(message -> {
                    seen.add(message.content());
                    if (seen.size() == 2) {
                        ada.client().rooms().delete(room.id());
                    }
                }));

        assertThat(e.status()).isEqualTo(404);
        assertThat(seen).containsExactly("one", "two");
    }

    /** A user whose client records every URL it requests in {@link #requested}. */
    private Account recordedAccount(String name) {
        OkHttpClient recording = new OkHttpClient.Builder().addInterceptor(chain -> {
            requested.add(chain.request().url().toString());
            return chain.proceed(chain.request());
        }).build();
        RoomsClient client = clientFor(serverUrl()).okHttpClient(recording).build();
        return newAccount(name, client);
    }

    /** Sends each text in turn, each confirmed before the next, and returns the stored messages. */
    private List<Message> send(Account account, Room room, String... texts) throws Exception {
        RoomConnection live = connectOpen(account, room.id(), new RoomListener() { });
        List<Message> stored = new ArrayList<>();
        for (String text : texts) {
            stored.add(live.send(text).get(10, TimeUnit.SECONDS));
        }
        live.close();
        return stored.stream().map(m -> new Message(m.id(), m.user(), m.content(), m.createdAt(), null)).toList();
    }

    private static List<Long> ids(List<Room> rooms, Room... more) {
        List<Long> ids = new ArrayList<>(rooms.stream().map(Room::id).toList());
        for (Room room : more) {
            ids.add(room.id());
        }
        return ids;
    }
}
