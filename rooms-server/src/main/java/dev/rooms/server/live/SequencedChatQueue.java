package dev.rooms.server.live;

import java.util.concurrent.CompletableFuture;

import dev.rooms.server.message.ChatQueue;
import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.NewMessage;
import dev.rooms.server.system.StatusException;
import org.springframework.http.HttpStatus;

/**
 * A REST post's way into its room's {@link RoomSequencer} queue, where it is ordered, stored (in a batch with the
 * sockets' messages) and broadcast exactly like a socket's message, without a nonce.
 */
final class SequencedChatQueue implements ChatQueue {

    private final RoomSequencer sequencer;
    private final int maxContentLength;

    SequencedChatQueue(RoomSequencer sequencer, int maxContentLength) {
        this.sequencer = sequencer;
        this.maxContentLength = maxContentLength;
    }

    @Override
    public CompletableFuture<MessageResponse> post(long roomId, NewMessage message) {
        CompletableFuture<MessageResponse> outcome = new CompletableFuture<>();
        ChatPost post = new ChatPost(message.userId(), message.content(), null, message.idempotencyKey(), outcome);
        if (!sequencer.submitChat(roomId, post)) {
            throw new StatusException(HttpStatus.SERVICE_UNAVAILABLE, "Room overloaded, try again later.");
        }
        return outcome;
    }

    @Override
    public int maxContentLength() {
        return maxContentLength;
    }
}
