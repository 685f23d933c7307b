package dev.rooms.bench.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.Future;

/**
 * One room: its history and its sockets. The sockets and every broadcast belong to one event loop, the room's
 * owner: a channel served by the owner gets its frames written at once, a channel of another loop gets them
 * queued on its loop, and from one thread both keep the room's order. (Broadcasting under a lock from each
 * sender's own loop would not: a write to a channel of the sender's loop skips the queue that still holds an
 * earlier message for it.) The history is also read by REST requests on any loop, so it has a lock of its own.
 */
final class ChatRoom {

    private final Wire.Room view;
    private final EventLoop owner;
    private final AtomicLong messageIds;
    private final List<Channel> sockets = new ArrayList<>();
    private final List<Wire.Message> history = new ArrayList<>();

    ChatRoom(Wire.Room view, EventLoop owner, AtomicLong messageIds) {
        this.view = view;
        this.owner = owner;
        this.messageIds = messageIds;
    }

    Wire.Room view() {
        return view;
    }

    void join(Channel socket) {
        owner.execute(() -> sockets.add(socket));
    }

    void leave(Channel socket) {
        owner.execute(() -> sockets.remove(socket));
    }

    /**
     * Gives the message the next id, keeps it and sends it to every socket of the room: encoded once, the same
     * bytes retained for each channel.
     */
    Future<Wire.Message> post(Wire.User user, String content, String nonce) {
        return owner.submit(() -> {
            Wire.Message message = new Wire.Message(messageIds.incrementAndGet(), user, content, Wire.now());
            synchronized (history) {
                history.add(message);
            }
            TextWebSocketFrame frame = new TextWebSocketFrame(Wire.write(
                    new Wire.ChatFrame(message.id(), user, content, message.createdAt(), nonce),
                    ByteBufAllocator.DEFAULT.directBuffer()));
            for (Channel socket : sockets) {
                socket.writeAndFlush(frame.retainedDuplicate(), socket.voidPromise());
            }
            frame.release();
            return message;
        });
    }

    List<Wire.Message> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }
}
