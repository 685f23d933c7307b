package dev.rooms.server.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

class RoomSessionRegistryTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<long[]> historyReads = new CopyOnWriteArrayList<>();
    private RoomSessionRegistry registry;
    private ThreadPoolTaskScheduler gapTimers;

    /** A room whose newest message at join time is 3; of the later ones, only 5 and 6 are in the database. */
    private final ChatHistory history = new ChatHistory() {
        @Override
        public long lastMessageId(long roomId) {
            return 3;
        }

        @Override
        public List<StoredChat> messagesBetween(long roomId, long afterId, long beforeId) {
            historyReads.add(new long[] {afterId, beforeId});
            List<StoredChat> chain = new ArrayList<>();
            long previous = afterId;
            for (long id = Math.max(afterId + 1, 5); id < Math.min(beforeId, 7); id++) {
                chain.add(new StoredChat(id, previous, "db" + id));
                previous = id;
            }
            return chain;
        }
    };

    @AfterEach
    void stop() {
        if (gapTimers != null) {
            gapTimers.shutdown();
        }
    }

    /** A registry whose chat comes from several processes (Redis): with a reorder buffer. */
    private RoomSessionRegistry reordering(Broker broker, GapWait wait) {
        gapTimers = new ThreadPoolTaskScheduler();
        gapTimers.initialize();
        return new RoomSessionRegistry(broker, new ChatReorderBuffer(history, wait, gapTimers),
                new LiveMetrics(new SimpleMeterRegistry()));
    }

    private static GapWait fixedWait(Duration wait) {
        return new GapWait(wait, wait, wait);
    }

    private LiveConnection recordingConnection(String id, long userId) {
        CoreSession socket = mock(CoreSession.class);
        doAnswer(call -> {
            OutgoingEntry entry = call.getArgument(0);
            received.add(id + ":" + StandardCharsets.UTF_8.decode(entry.getFrame().getPayload()));
            entry.getCallback().succeeded();
            return null;
        }).when(socket).sendFrame(any(OutgoingEntry.class));
        LiveConnection connection = new LiveConnection(id, userId, 1, Instant.MAX, 1000, Runnable::run);
        connection.attach(socket, Duration.ofSeconds(20));
        return connection;
    }

    @Test
    void chatWhenAnEarlierMessageIsOvertakenThenTheLaterWaitsForItAndEveryCopyKeepsItsNonce() {
        registry = reordering(new LocalBroker(), fixedWait(Duration.ofMinutes(1)));
        registry.join(recordingConnection("a", 1));

        registry.onEnvelope(Envelope.chat(1, 4, 3, "m4"));
        registry.onEnvelope(Envelope.chat(1, 7, 5, "m7+nonce"));
        registry.onEnvelope(Envelope.signal(1, "b", null, "signal after m7"));
        registry.onEnvelope(Envelope.chat(1, 5, 4, "m5+nonce"));
        registry.onEnvelope(Envelope.chat(1, 5, 4, "m5+nonce"));
        registry.onEnvelope(Envelope.chat(1, 8, 7, "m8"));

        assertThat(received).containsExactly("a:m4", "a:m5+nonce", "a:m7+nonce", "a:signal after m7", "a:m8");
        assertThat(historyReads).isEmpty();
    }

    @Test
    void chatWhenTheOvertakenMessagesNeverArriveThenTheyAreReadFromHistoryAfterTheWaitAndLateCopiesSkipped() {
        registry = reordering(new LocalBroker(), fixedWait(Duration.ofMillis(20)));
        registry.join(recordingConnection("a", 1));

        registry.onEnvelope(Envelope.chat(1, 4, 3, "m4"));
        registry.onEnvelope(Envelope.chat(1, 7, 6, "m7"));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);
        assertThat(received).containsExactly("a:m4", "a:db5", "a:db6", "a:m7");
        assertThat(historyReads).containsExactly(new long[] {4, 7});
        registry.onEnvelope(Envelope.chat(1, 6, 5, "m6 late"));
        registry.onEnvelope(Envelope.chat(1, 9, 7, "m9"));
        assertThat(received).endsWith("a:m7", "a:m9");
    }

    @Test
    void chatWhenTheMissingMessageIsNotEvenInTheDatabaseThenTheRoomGoesOnWithoutIt() {
        registry = reordering(new LocalBroker(), fixedWait(Duration.ofMillis(20)));
        registry.join(recordingConnection("a", 1));

        registry.onEnvelope(Envelope.chat(1, 12, 11, "m12"));

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertThat(received).containsExactly("a:db5", "a:db6", "a:m12");
        registry.onEnvelope(Envelope.chat(1, 13, 12, "m13"));
        assertThat(received).endsWith("a:m12", "a:m13");
    }

    @Test
    void chatWhenAMessageArrivesAfterItsGapWasFilledThenTheWaitGrows() {
        GapWait wait = new GapWait(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofSeconds(5));
        registry = reordering(new LocalBroker(), wait);
        registry.join(recordingConnection("a", 1));
        registry.onEnvelope(Envelope.chat(1, 4, 3, "m4"));
        registry.onEnvelope(Envelope.chat(1, 7, 6, "m7"));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 4);

        registry.onEnvelope(Envelope.chat(1, 6, 5, "m6 late"));

        // It came at least the 20 ms wait after m7; the next wait is at least twice that.
        assertThat(wait.nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
        assertThat(received).containsExactly("a:m4", "a:db5", "a:db6", "a:m7");
    }

    @Test
    void stoppingWhenOwnMessagesAreStillOnTheirWayThenWaitsForTheirEchoes() throws Exception {
        registry = reordering(new LocalBroker(), fixedWait(Duration.ofMinutes(1)));
        registry.join(recordingConnection("a", 1));
        registry.publishing(1, 4);

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> registry.awaitEchoes(Duration.ofSeconds(30)));
        registry.onEnvelope(Envelope.chat(1, 4, 3, "m4"));

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(received).containsExactly("a:m4");
    }

    @Test
    void stoppingWhenAnEchoNeverComesThenGivesUpAfterTheTimeout() {
        registry = reordering(new LocalBroker(), fixedWait(Duration.ofMinutes(1)));
        registry.join(recordingConnection("a", 1));
        registry.publishing(1, 4);

        assertThat(registry.awaitEchoes(Duration.ofMillis(50))).isEqualTo(1);
    }

    @Test
    void chatWithTheInProcessBrokerThenDeliveredAsItArrivesWithoutReorderingOrReadingHistory() {
        registry = new RoomSessionRegistry(new LocalBroker(), null, new LiveMetrics(new SimpleMeterRegistry()));
        registry.join(recordingConnection("a", 1));

        registry.onEnvelope(Envelope.chat(1, 7, 5, "m7"));
        registry.onEnvelope(Envelope.chat(1, 8, 7, "m8"));

        assertThat(received).containsExactly("a:m7", "a:m8");
        assertThat(historyReads).isEmpty();
        assertThat(registry.awaitEchoes(Duration.ofSeconds(30))).isZero();
    }

    @Test
    void signalThenEveryOtherConnectionOrOnlyTheTargetsReceive() {
        registry = new RoomSessionRegistry(new LocalBroker(), null, new LiveMetrics(new SimpleMeterRegistry()));
        for (String id : List.of("a", "b", "c")) {
            registry.join(recordingConnection(id, id.equals("b") ? 2 : 1));
        }

        registry.onEnvelope(Envelope.signal(1, "a", null, "s1"));
        registry.onEnvelope(Envelope.signal(1, "b", 1L, "s2"));

        assertThat(received).containsExactlyInAnyOrder("b:s1", "c:s1", "a:s2", "c:s2");
    }
}
