package dev.rooms.server.message;

import java.util.concurrent.CompletableFuture;

/**
 * Where a new chat message goes to be stored and broadcast: the live part's room queue, the same path a socket's
 * message takes, so a message posted over REST is ordered, committed and broadcast like any other. Implemented
 * by the live part; the interface lives here so that {@code message} does not depend on {@code live}.
 */
public interface ChatQueue {

    /**
     * Queues the message behind what the room's sockets sent before it.
     *
     * @return completes with the stored message once it is committed and handed to the broadcast; fails with
     *         {@link MessageNotStoredException} when it was not stored (the room or the user is gone, or its
     *         idempotency key was taken meanwhile)
     * @throws dev.rooms.server.system.StatusException 503 when the room's queue stayed full
     */
    CompletableFuture<MessageResponse> post(long roomId, NewMessage message);

    /** The longest content accepted, in characters (code points): the socket's limit. */
    int maxContentLength();
}
