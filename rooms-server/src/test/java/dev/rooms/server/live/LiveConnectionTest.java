package dev.rooms.server.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

class LiveConnectionTest {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

    private final CoreSession socket = mock(CoreSession.class);
    /** What went to Jetty: text payloads as strings, a close as "close <code> <reason>", a ping as "ping". */
    private final List<String> written = new ArrayList<>();
    private final List<Callback> pending = new ArrayList<>();
    private final List<OutgoingEntry> entries = new ArrayList<>();

    private LiveConnection connection(long limit) {
        LiveConnection connection = new LiveConnection("p/1", 1, 2, Instant.MAX, limit, Runnable::run);
        connection.attach(socket, SEND_TIMEOUT);
        return connection;
    }

    private void completeWritesLater() {
        record(false);
    }

    private void record(boolean completeInline) {
        doAnswer(call -> {
            OutgoingEntry entry = call.getArgument(0);
            entries.add(entry);
            Frame frame = entry.getFrame();
            if (frame.getOpCode() == OpCode.CLOSE) {
                CloseStatus status = new CloseStatus(frame.getPayload());
                written.add("close " + status.getCode() + " " + status.getReason());
            } else if (frame.getOpCode() == OpCode.PING) {
                written.add("ping");
            } else {
                written.add(StandardCharsets.UTF_8.decode(frame.getPayload()).toString());
            }
            if (completeInline) {
                entry.getCallback().succeeded();
            } else {
                pending.add(entry.getCallback());
            }
            return null;
        }).when(socket).sendFrame(any(OutgoingEntry.class));
    }

    @Test
    void sendWhileAWriteIsInFlightThenNextWaitsAndOrderIsKept() {
        completeWritesLater();
        LiveConnection connection = connection(1000);

        connection.send(TextFrame.of("a"));
        connection.send(TextFrame.of("b"));
        connection.send(TextFrame.of("c"));

        assertThat(written).containsExactly("a");
        pending.remove(0).succeeded();
        assertThat(written).containsExactly("a", "b");
        pending.remove(0).succeeded();
        pending.remove(0).succeeded();
        assertThat(written).containsExactly("a", "b", "c");
        assertThat(pending).isEmpty();
        assertThat(connection.queuedChars()).isZero();
    }

    @Test
    void sendWhileAWriteIsInFlightThenTheFramesQueuedMeanwhileGoOutAsOneBatch() {
        completeWritesLater();
        LiveConnection connection = connection(1000);

        connection.send(TextFrame.of("a"));
        connection.send(TextFrame.of("b"));
        connection.send(TextFrame.of("c"));
        pending.remove(0).succeeded();
        pending.remove(0).succeeded();
        pending.remove(0).succeeded();

        assertThat(written).containsExactly("a", "b", "c");
        // Jetty gathers batched frames into the next unbatched one's write.
        assertThat(entries).extracting(OutgoingEntry::isBatch).containsExactly(false, true, false);
    }

    @Test
    void holdWritesThenFramesWaitUntilReleasedAndGoOutTogether() {
        record(true);
        LiveConnection connection = connection(1000);

        connection.holdWrites();
        connection.send(TextFrame.of("a"));
        connection.send(TextFrame.of("b"));
        connection.send(TextFrame.of("c"));
        assertThat(written).isEmpty();
        connection.releaseWrites();

        assertThat(written).containsExactly("a", "b", "c");
        assertThat(entries).extracting(OutgoingEntry::isBatch).containsExactly(true, true, false);
        connection.send(TextFrame.of("d"));
        assertThat(written).containsExactly("a", "b", "c", "d");
    }

    @Test
    void closeWhileWritesAreHeldThenTheCloseGoesOutAtOnce() {
        record(true);
        LiveConnection connection = connection(1000);

        connection.holdWrites();
        connection.send(TextFrame.of("a"));
        connection.close(ChatWebSocketHandler.FLOODING);

        assertThat(written).containsExactly("close 1008 too many messages");
    }

    @Test
    void sendOneFrameToManyConnectionsThenEachWritesTheSameBytesFromItsOwnView() {
        completeWritesLater();
        LiveConnection first = connection(1000);
        LiveConnection second = connection(1000);
        TextFrame frame = TextFrame.of("{\"content\":\"héllo\"}");

        first.send(frame);
        second.send(frame);

        assertThat(written).containsExactly("{\"content\":\"héllo\"}", "{\"content\":\"héllo\"}");
        assertThat(entries.get(0).getFrame().getPayload()).isNotSameAs(entries.get(1).getFrame().getPayload());
        assertThat(entries).allSatisfy(entry -> assertThat(entry.getFrameTimeout()).isEqualTo(SEND_TIMEOUT.toMillis()));
    }

    @Test
    void sendWhenQueueWouldOverflowThenClosedWith4008AfterTheFrameInFlightAndNothingMoreQueued() {
        completeWritesLater();
        LiveConnection connection = connection(10);

        connection.send(TextFrame.of("12345"));
        connection.send(TextFrame.of("67890"));
        connection.send(TextFrame.of("x"));
        connection.send(TextFrame.of("y"));

        assertThat(connection.isClosing()).isTrue();
        assertThat(written).containsExactly("12345");
        pending.remove(0).succeeded(); // the frame in flight goes out first, then the close
        assertThat(written).containsExactly("12345", "close 4008 slow consumer");
        assertThat(entries.get(1).getFrameTimeout()).as("a close frame is bounded too").isEqualTo(SEND_TIMEOUT.toMillis());
    }

    @Test
    void writeFailsThenConnectionClosesAndQueuedFramesAreDropped() {
        completeWritesLater();
        LiveConnection connection = connection(1000);
        connection.send(TextFrame.of("a"));
        connection.send(TextFrame.of("b"));

        pending.remove(0).failed(new java.io.IOException("peer gone"));

        assertThat(connection.isClosing()).isTrue();
        assertThat(written).containsExactly("a", "close 4008 slow consumer");
    }

    @Test
    void sendWhenWritesCompleteInlineThenNoRecursionAndAllWritten() {
        record(true);
        LiveConnection connection = connection(Long.MAX_VALUE);

        for (int i = 0; i < 100_000; i++) {
            connection.send(TextFrame.of("m"));
        }

        assertThat(written).hasSize(100_000).doesNotContain("close 4008 slow consumer");
    }

    @Test
    void pingWhenIdleThenAPingFrameGoesThroughTheSameQueue() {
        completeWritesLater();
        LiveConnection connection = connection(1000);

        connection.ping();
        connection.send(TextFrame.of("after"));

        assertThat(written).containsExactly("ping");
        pending.remove(0).succeeded();
        assertThat(written).containsExactly("ping", "after");
    }

    @Test
    void sendBeforeTheSocketIsOpenThenQueuedAndWrittenOnAttach() {
        completeWritesLater();
        LiveConnection connection = new LiveConnection("p/2", 1, 2, Instant.MAX, 1000, Runnable::run);

        connection.send(TextFrame.of("early"));

        assertThat(written).isEmpty();
        connection.attach(socket, SEND_TIMEOUT);
        assertThat(written).containsExactly("early");
    }
}
