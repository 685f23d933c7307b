package dev.rooms.server.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy on a random loopback port in front of the server, standing in for a network that fails: it can cut
 * every connection through it at once (no WebSocket close frame, no HTTP answer) and refuse new ones until it is
 * told to let them through again.
 */
final class TcpProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = new HashSet<>();
    private boolean refusing;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** The base URL of the server behind this proxy. */
    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Cuts every current connection and, until {@link #allow()}, closes new ones as soon as they arrive. */
    synchronized void cutAndRefuse() {
        refusing = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Lets new connections through again. */
    synchronized void allow() {
        refusing = false;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        cutAndRefuse();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            threads.execute(() -> forward(client));
        }
    }

    private void forward(Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        if (!register(client, upstream)) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        threads.execute(() -> pump(client, upstream));
        threads.execute(() -> pump(upstream, client));
    }

    /** Registers a pair unless refusing; under the same lock as a cut, so no pair slips past one. */
    private synchronized boolean register(Socket client, Socket upstream) {
        if (refusing) {
            return false;
        }
        open.add(client);
        open.add(upstream);
        return true;
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException endOfConnection) {
            // One side closed or was cut: close the other too, as a broken network path would.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            synchronized (this) {
                open.remove(from);
                open.remove(to);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
