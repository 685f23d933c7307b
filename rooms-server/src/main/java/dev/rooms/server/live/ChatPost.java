package dev.rooms.server.live;

import java.util.concurrent.CompletableFuture;

import dev.rooms.server.message.MessageNotStoredException;
import dev.rooms.server.message.MessageResponse;
import dev.rooms.server.message.NewMessage;

/**
 * A chat message waiting to be persisted: from a socket, or posted over REST ({@code idempotencyKey} may be set,
 * and {@code outcome} tells the waiting request what became of it).
 */
record ChatPost(long userId, String content, String nonce, String idempotencyKey,
                CompletableFuture<MessageResponse> outcome) {

    /** A socket's message: nobody waits for its outcome but the room. */
    ChatPost(long userId, String content, String nonce) {
        this(userId, content, nonce, null, null);
    }

    /** What is saved of it: the nonce too, so that a copy read back from the database still carries it. */
    NewMessage message() {
        return new NewMessage(userId, content, idempotencyKey, nonce);
    }

    /** It was stored and handed to the broadcast. */
    void stored(MessageResponse message) {
        if (outcome != null) {
            outcome.complete(message);
        }
    }

    /** It was not stored; does nothing if it already was. */
    void notStored(Throwable cause) {
        if (outcome != null) {
            outcome.completeExceptionally(new MessageNotStoredException(cause));
        }
    }
}
