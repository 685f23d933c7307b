package dev.rooms.server.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.WebSocketSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

class LiveConnectionTest {

    private final WebSocketSession session = mock(WebSocketSession.class);
    private final RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);
    private final List<String> written = new ArrayList<>();
    private final List<SendHandler> pending = new ArrayList<>();

    private LiveConnection connection(long limit) {
        LiveConnection connection = new LiveConnection("p/1", 1, 2, Instant.MAX, limit, Runnable::run);
        connection.attach(session, remote);
        return connection;
    }

    private void completeWritesLater() {
        doAnswer(call -> {
            written.add(call.getArgument(0));
            pending.add(call.getArgument(1));
            return null;
        }).when(remote).sendText(anyString(), any(SendHandler.class));
    }

    @Test
    void sendWhileAWriteIsInFlightThenNextWaitsAndOrderIsKept() {
        completeWritesLater();
        LiveConnection connection = connection(1000);

        connection.send("a");
        connection.send("b");
        connection.send("c");

        assertThat(written).containsExactly("a");
        pending.remove(0).onResult(new SendResult());
        assertThat(written).containsExactly("a", "b");
        pending.remove(0).onResult(new SendResult());
        pending.remove(0).onResult(new SendResult());
        assertThat(written).containsExactly("a", "b", "c");
        assertThat(pending).isEmpty();
    }

    @Test
    void sendWhenQueueWouldOverflowThenClosedWith4008AndNothingMoreQueued() throws Exception {
        completeWritesLater();
        LiveConnection connection = connection(10);

        connection.send("12345");
        connection.send("67890");
        connection.send("x");
        connection.send("y");

        assertThat(connection.isClosing()).isTrue();
        verify(session, never()).close(any());
        pending.remove(0).onResult(new SendResult()); // the frame in flight goes out first, then the close
        verify(session).close(LiveConnection.SLOW_CONSUMER);
        assertThat(written).containsExactly("12345");
    }

    @Test
    void sendWhenWritesCompleteInlineThenNoRecursionAndAllWritten() throws Exception {
        doAnswer(call -> {
            written.add(call.getArgument(0));
            ((SendHandler) call.getArgument(1)).onResult(new SendResult());
            return null;
        }).when(remote).sendText(anyString(), any(SendHandler.class));
        LiveConnection connection = connection(Long.MAX_VALUE);

        for (int i = 0; i < 100_000; i++) {
            connection.send("m");
        }

        assertThat(written).hasSize(100_000);
        verify(session, never()).close(any());
    }

    @Test
    void sendBeforeTheSocketIsOpenThenQueuedAndWrittenOnAttach() {
        completeWritesLater();
        LiveConnection connection = new LiveConnection("p/2", 1, 2, Instant.MAX, 1000, Runnable::run);

        connection.send("early");

        assertThat(written).isEmpty();
        connection.attach(session, remote);
        assertThat(written).containsExactly("early");
    }

    @Test
    void appendInboundWhenPartsThenWholeMessageAndLimitCountsUtf8Bytes() {
        LiveConnection connection = connection(1000);

        assertThat(connection.appendInbound("{\"content\":", false, 100)).isNull();
        assertThat(connection.appendInbound("\"hi\"}", true, 100)).isEqualTo("{\"content\":\"hi\"}");
        assertThat(connection.appendInbound("ééééé", true, 10)).isEqualTo("ééééé");
        assertThatThrownBy(() -> connection.appendInbound("éééééé", true, 10)).isInstanceOf(FrameTooLargeException.class);
        assertThat(connection.appendInbound("a".repeat(60), false, 100)).isNull();
        assertThatThrownBy(() -> connection.appendInbound("a".repeat(41), false, 100)).isInstanceOf(FrameTooLargeException.class);
    }
}
