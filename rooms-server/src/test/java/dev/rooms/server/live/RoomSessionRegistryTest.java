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
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

class RoomSessionRegistryTest {

    private final List<String> received = new ArrayList<>();
    private final List<long[]> historyReads = new ArrayList<>();

    private final ChatHistory history = new ChatHistory() {
        @Override
        public long lastMessageId(long roomId) {
            return 3;
        }

        @Override
        public List<String> framesBetween(long roomId, long afterId, long beforeId) {
            historyReads.add(new long[] {afterId, beforeId});
            List<String> frames = new ArrayList<>();
            for (long id = afterId + 1; id < beforeId; id++) {
                frames.add("m" + id);
            }
            return frames;
        }
    };

    private LiveConnection recordingConnection(String id, long userId) {
        RemoteEndpoint.Async remote = mock(RemoteEndpoint.Async.class);
        doAnswer(call -> {
            received.add(id + ":" + call.getArgument(0));
            ((SendHandler) call.getArgument(1)).onResult(new SendResult());
            return null;
        }).when(remote).sendText(anyString(), any(SendHandler.class));
        LiveConnection connection = new LiveConnection(id, userId, 1, Instant.MAX, 1000, Runnable::run);
        connection.attach(mock(WebSocketSession.class), remote);
        return connection;
    }

    @Test
    void chatWhenAnEarlierMessageIsOvertakenThenItIsReadFromHistoryFirstAndTheLateCopySkipped() {
        RoomSessionRegistry registry = new RoomSessionRegistry(new LocalBroker(), history, true);
        registry.join(recordingConnection("a", 1));

        registry.onEnvelope(Envelope.chat(1, 4, 3, "m4"));
        registry.onEnvelope(Envelope.chat(1, 7, 5, "m7"));
        registry.onEnvelope(Envelope.chat(1, 5, 4, "m5"));
        registry.onEnvelope(Envelope.chat(1, 8, 7, "m8"));

        assertThat(received).containsExactly("a:m4", "a:m5", "a:m6", "a:m7", "a:m8");
        assertThat(historyReads).containsExactly(new long[] {4, 7});
    }

    @Test
    void signalThenEveryOtherConnectionOrOnlyTheTargetsReceive() {
        RoomSessionRegistry registry = new RoomSessionRegistry(new LocalBroker(), history, false);
        for (String id : List.of("a", "b", "c")) {
            registry.join(recordingConnection(id, id.equals("b") ? 2 : 1));
        }

        registry.onEnvelope(Envelope.signal(1, "a", null, "s1"));
        registry.onEnvelope(Envelope.signal(1, "b", 1L, "s2"));

        assertThat(received).containsExactlyInAnyOrder("b:s1", "c:s1", "a:s2", "c:s2");
    }
}
