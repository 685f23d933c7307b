package dev.rooms.sdk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a random loopback port in front of the test server, standing in for a network that fails. It can
 * cut every connection at once and refuse new ones until {@link #allow()}, it can let WebSocket upgrades
 * through but then hold back everything the server sends on them (a server that is reachable but never answers),
 * and it can drop what clients send without closing anything (a server that is reachable but never hears).
 */
public final class TcpProxy implements AutoCloseable {

    private static final byte[] UPGRADE = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "test-tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = new HashSet<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private boolean refusing;
    private volatile boolean silenceWebSockets;
    private volatile boolean dropRequests;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    /** The base URL of the server behind this proxy. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** How many connections clients have opened to the proxy so far. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Cuts every current connection (no close frame, no answer) and closes new ones until {@link #allow()}. */
    public synchronized void cutAndRefuse() {
        refusing = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Lets new connections through again. */
    public synchronized void allow() {
        refusing = false;
    }

    /** From now on, WebSocket upgrades complete but nothing the server sends after them reaches the client. */
    public void silenceWebSockets() {
        silenceWebSockets = true;
    }

    /**
     * From now on nothing a client sends reaches the server, on open connections and new ones alike, and nothing
     * is closed: the client's requests are lost on the way and it learns so only from its own timeouts.
     */
    public void dropRequests() {
        dropRequests = true;
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
            accepted.incrementAndGet();
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
        threads.execute(() -> pump(client, upstream, false, true));
        threads.execute(() -> pump(upstream, client, silenceWebSockets, false));
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

    /**
     * Copies bytes; when {@code silenceAfterUpgrade}, stops forwarding after a 101 answer's headers; from a
     * client ({@code request}), stops forwarding once {@link #dropRequests()} was called.
     */
    private void pump(Socket from, Socket to, boolean silenceAfterUpgrade, boolean request) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            boolean silent = false;
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                if (silent || (request && dropRequests)) {
                    continue;
                }
                int forward = read;
                if (silenceAfterUpgrade && startsWith(buffer, read, UPGRADE)) {
                    forward = endOfHeaders(buffer, read);
                    silent = true;
                }
                out.write(buffer, 0, forward);
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

    private static boolean startsWith(byte[] buffer, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int endOfHeaders(byte[] buffer, int length) {
        for (int i = 3; i < length; i++) {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n') {
                return i + 1;
            }
        }
        return length;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
