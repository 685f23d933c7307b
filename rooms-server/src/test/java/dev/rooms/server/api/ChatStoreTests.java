package dev.rooms.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.rooms.server.message.ChatStore;
import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.MessageService;
import dev.rooms.server.message.NewMessage;
import dev.rooms.server.message.PostOutcome;
import dev.rooms.server.message.PostedMessage;
import dev.rooms.server.message.StoredMessage;
import dev.rooms.testing.ApiClient;
import dev.rooms.testing.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The chat path's storage ({@code message.ChatStore}): batches, group commit, a bad message among good ones. */
abstract class ChatStoreTests extends ApiTest {

    private static final long NO_SUCH_USER = 999_999_999L;

    @Autowired
    ChatStore store;

    @Autowired
    MessageService messages;

    /** Whether other processes may share the database, so previous ids are reported. */
    abstract boolean sharedDatabase();

    @Test
    void storeBatchThenTheAnswersAreWhatTheHistoryReadsBackInOrder() {
        TestUser alice = newUser();
        TestUser bob = newUser();
        long room = createRoom(alice, "Batch").get("id").asLong();

        List<PostOutcome> outcomes = store.store(room, List.of(new NewMessage(alice.id(), "one"),
                new NewMessage(bob.id(), "two"), new NewMessage(alice.id(), "three")));

        List<MessageResponse> answered = outcomes.stream().map(outcome -> outcome.posted().message()).toList();
        assertThat(answered).extracting(MessageResponse::content).containsExactly("one", "two", "three");
        assertThat(answered).isEqualTo(history(room));
        assertThat(answered.get(1).user().email()).isEqualTo(bob.email());
    }

    @Test
    void storeWithNoncesThenTheLiveReadBackCarriesEachButNoRestAnswerDoes() {
        TestUser alice = newUser();
        long room = createRoom(alice, "Nonces").get("id").asLong();
        String word = "kept" + System.nanoTime();
        // The longest nonce the socket accepts: 64 UTF-16 characters, here with some outside ASCII and the BMP.
        String longest = "ü".repeat(32) + "😀".repeat(16);

        store.store(room, List.of(new NewMessage(alice.id(), word + " one", null, longest),
                new NewMessage(alice.id(), word + " two")));

        assertThat(messages.listMessagesBetween(room, 0, Long.MAX_VALUE)).extracting(StoredMessage::nonce)
                .containsExactly(longest, null);
        for (String path : List.of("/api/rooms/" + room + "/messages/", "/api/rooms/" + room + "/messages/?limit=10",
                "/api/messages/search/?q=" + word)) {
            ApiClient.Response response = api.get(path, alice.access());
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.body()).as(path).contains(word + " one").doesNotContain("\"nonce\"").doesNotContain(longest);
        }
    }

    @Test
    void storeThenEachMessageNamesTheRoomsMessageBeforeItWhenTheDatabaseIsShared() {
        TestUser alice = newUser();
        long room = createRoom(alice, "Previous ids").get("id").asLong();
        long first = store.store(room, List.of(new NewMessage(alice.id(), "first"))).get(0).posted().message().id();

        List<PostedMessage> posted = store.store(room, List.of(new NewMessage(alice.id(), "second"),
                new NewMessage(alice.id(), "third"))).stream().map(PostOutcome::posted).toList();

        long second = posted.get(0).message().id();
        if (sharedDatabase()) {
            assertThat(posted).extracting(PostedMessage::previousId).containsExactly(first, second);
        } else {
            assertThat(posted).extracting(PostedMessage::previousId).containsExactly(0L, 0L);
        }
    }

    @Test
    void storeWhenOneAuthorDoesNotExistThenTheOthersAreSavedAndThatOneIsReportedNotSaved() {
        TestUser alice = newUser();
        long room = createRoom(alice, "One bad").get("id").asLong();

        List<PostOutcome> outcomes = store.store(room, List.of(new NewMessage(alice.id(), "before"),
                new NewMessage(NO_SUCH_USER, "nobody"), new NewMessage(alice.id(), "after")));

        assertThat(outcomes.get(0).posted().message().content()).isEqualTo("before");
        assertThat(outcomes.get(1).posted()).isNull();
        assertThat(outcomes.get(1).failure()).hasMessageContaining(String.valueOf(NO_SUCH_USER));
        assertThat(outcomes.get(2).posted().message().content()).isEqualTo("after");
        assertThat(history(room)).extracting(MessageResponse::content)
                .containsExactly("before", "after");
    }

    @Test
    void storeFromSeveralRoomsAtOnceThenEveryRoomKeepsItsOrder() throws Exception {
        TestUser alice = newUser();
        List<Long> rooms = IntStream.range(0, 6).mapToObj(i -> createRoom(alice, "Busy " + i).get("id").asLong()).toList();
        ExecutorService senders = Executors.newFixedThreadPool(rooms.size());
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (long room : rooms) {
                // One batch of a room at a time, as the live part's room queue hands them in.
                done.add(CompletableFuture.runAsync(() -> {
                    for (int batch = 0; batch < 10; batch++) {
                        int first = batch * 3;
                        store.store(room, IntStream.range(first, first + 3)
                                .mapToObj(n -> new NewMessage(alice.id(), "m" + n)).toList());
                    }
                }, senders));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            senders.shutdownNow();
        }

        List<String> expected = IntStream.range(0, 30).mapToObj(n -> "m" + n).toList();
        for (long room : rooms) {
            assertThat(history(room)).extracting(MessageResponse::content)
                    .isEqualTo(expected);
        }
    }

    private List<MessageResponse> history(long room) {
        return messages.listMessagesBetween(room, 0, Long.MAX_VALUE).stream().map(StoredMessage::message).toList();
    }
}
