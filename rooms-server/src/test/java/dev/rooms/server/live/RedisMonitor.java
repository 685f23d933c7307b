package dev.rooms.server.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Redis's {@code MONITOR} feed on a connection of its own: every command Redis runs, from any client, in the
 * order it runs them. Counts what a test's code asked of Redis (commands run inside a script are told apart).
 */
final class RedisMonitor implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final Socket socket;
    private final BufferedReader in;

    private RedisMonitor(String url) throws IOException {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : 6379;
        this.socket = new Socket(host, port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        send(socket.getOutputStream(), "MONITOR");
        String ok = in.readLine();
        if (!"+OK".equals(ok)) {
            throw new IOException("MONITOR answered " + ok);
        }
    }

    /** Watches from now on: what runs before this returns is not seen. */
    static RedisMonitor start(String url) {
        try {
            return new RedisMonitor(url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The commands that clients (not scripts) sent since {@link #start} or the last call and that mention
     * {@code fragment}, e.g. a key. Everything that completed before this call is included: it ends the window
     * with a marker command on another connection, which Redis runs after them.
     */
    List<String> clientCommandsMentioning(String fragment) {
        String marker = "rooms-monitor-end-" + UUID.randomUUID();
        try (Socket other = new Socket(host, port)) {
            send(other.getOutputStream(), "ECHO " + marker);
            new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8)).readLine();
            List<String> commands = new ArrayList<>();
            for (String line = in.readLine(); !line.contains(marker); line = in.readLine()) {
                if (line.contains(fragment) && !line.contains(" lua] ")) {
                    commands.add(line);
                }
            }
            return commands;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(OutputStream out, String inlineCommand) throws IOException {
        out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
