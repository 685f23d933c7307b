package dev.rooms.bench.reference;

import java.net.InetSocketAddress;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * A minimal in-memory Netty server of the Rooms endpoints the load generator uses (register, login, rooms,
 * history, the chat socket), with Rooms' wire shapes: what the same generator measures on the same machine when
 * the server does nothing but parse, route and fan out. No persistence, no limits, no auth beyond a map of
 * opaque tokens. {@code scripts/bench --reference} runs it; see README-bench, "Side by side".
 *
 * <p>NIO transport; one event loop per core unless {@code -Dio.netty.eventLoopThreads=N} says otherwise (Netty's
 * own default is two per core: on two shared cores, four loops cost more per delivery, since most of a room's
 * frames then cross from the room's loop to another, each crossing a queued task and often a wake-up).
 */
public final class ReferenceServer implements AutoCloseable {

    private final EventLoopGroup loops;
    private final Channel listener;

    private ReferenceServer(EventLoopGroup loops, Channel listener) {
        this.loops = loops;
        this.listener = listener;
    }

    /** Listens on {@code address:port} (0: any free port) until {@link #close()}. */
    public static ReferenceServer start(String address, int port) throws InterruptedException {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(
                Integer.getInteger("io.netty.eventLoopThreads", Runtime.getRuntime().availableProcessors()),
                NioIoHandler.newFactory());
        HttpApi api = new HttpApi(new Directory(loops));
        try {
            Channel listener = new ServerBootstrap()
                    .group(loops)
                    .channel(NioServerSocketChannel.class)
                    // The handshakes scenario opens a thousand connections at once.
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024), api);
                        }
                    })
                    .bind(address, port).sync().channel();
            return new ReferenceServer(loops, listener);
        } catch (InterruptedException | RuntimeException e) {
            loops.shutdownGracefully();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loops.shutdownGracefully().syncUninterruptibly();
    }

    /** {@code ReferenceServer [--address 127.0.0.1] [--port 8000]}; runs until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        String address = "127.0.0.1";
        int port = 8000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--address" -> address = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: ReferenceServer [--address 127.0.0.1] [--port 8000]");
                    System.exit(2);
                }
            }
        }
        if (args.length % 2 != 0) {
            System.err.println("usage: ReferenceServer [--address 127.0.0.1] [--port 8000]");
            System.exit(2);
        }
        ReferenceServer server = start(address, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "reference-shutdown"));
        System.out.printf("reference server listening on http://%s:%d%n", address, server.port());
        server.listener.closeFuture().sync();
    }
}
