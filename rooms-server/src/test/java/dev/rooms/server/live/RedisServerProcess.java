package dev.rooms.server.live;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/** A throw-away {@code redis-server} on a free port, which a test can kill and start again on that port. */
final class RedisServerProcess implements AutoCloseable {

    private final int port;
    private Process process;

    RedisServerProcess() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    RedisServerProcess start() throws IOException {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(System.getProperty("java.io.tmpdir"), "rooms-test-redis-" + port + ".log")))
                .start();
        await().atMost(Duration.ofSeconds(10)).until(this::accepting);
        return this;
    }

    /** Kills the server at once, as a crash would. */
    void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive() && !accepting());
    }

    private boolean accepting() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
