package dev.rooms.bench.reference;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;

/** One upgraded socket of a room: a chat frame goes to the room; pings are answered, a close is returned. */
final class ChatSocket extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final ChatRoom room;
    private final Wire.User user;
    private final WebSocketServerHandshaker handshaker;

    ChatSocket(ChatRoom room, Wire.User user, WebSocketServerHandshaker handshaker) {
        this.room = room;
        this.user = user;
        this.handshaker = handshaker;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame) {
            Wire.Request chat = Wire.read(frame.content());
            // Anything but a chat message (a call signal, bad JSON) is dropped: the generator sends none.
            if (chat != null && chat.content() != null && !chat.content().isBlank()) {
                room.post(user, chat.content(), chat.nonce());
            }
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        room.leave(ctx.channel());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
