package dev.rooms.server.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.rooms.server.RoomsServerApplication;

import static org.awaitility.Awaitility.await;

/**
 * The server as a child JVM (the test's own classpath) on a fixed free port, which a test can kill with
 * SIGKILL, as a crash would, and start again on the same data. Its output goes to a log file under
 * {@code target/}, named in every failure.
 */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final List<String> arguments;
    private final int port;
    private final Path log;
    private Process process;

    /** @param arguments the server's command-line arguments, besides the port and the JWT secret */
    ServerProcess(String name, List<String> arguments) {
        this.arguments = List.copyOf(arguments);
        this.port = freePort();
        this.log = Path.of("target", "server-process-" + name + "-" + port + ".log").toAbsolutePath();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    /** Starts the server and waits until it answers HTTP. */
    ServerProcess start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                RoomsServerApplication.class.getName(),
                "--server.port=" + port,
                "--rooms.jwt-secret=" + LiveServerTest.SECRET));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            return answers();
        });
        return this;
    }

    private boolean answers() {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the server with SIGKILL (no shutdown hook, no flush) and waits until it is gone. */
    void kill() {
        // On Unix, destroyForcibly() is SIGKILL (destroy() would be SIGTERM, a clean shutdown).
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not die within 30 s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How the last run ended: 137 (128 + SIGKILL) after {@link #kill()}. */
    int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
