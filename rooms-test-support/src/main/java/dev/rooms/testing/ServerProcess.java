package dev.rooms.testing;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * The server as a child JVM (the test's own classpath) on a fixed free port, which a test can kill with
 * SIGKILL, as a crash would, and start again on the same data. Its output goes to a log file under
 * {@code target/}, named in every failure. It signs tokens with {@link TestTokens#SECRET}.
 */
public final class ServerProcess implements AutoCloseable {

    /** The server's main class, named rather than referenced: this module cannot depend on the server. */
    private static final String MAIN_CLASS = "dev.rooms.server.RoomsServerApplication";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    /**
     * @param arguments   the server's command-line arguments, besides the port and the JWT secret
     * @param environment variables added to the test's own environment
     */
    public ServerProcess(String name, List<String> arguments, Map<String, String> environment) {
        this.name = name;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
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

    public int port() {
        return port;
    }

    /** The file the server's output goes to. */
    public Path log() {
        return log;
    }

    /** Starts the server and waits until it answers HTTP. */
    public ServerProcess start() {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                MAIN_CLASS,
                "--server.port=" + port,
                "--rooms.jwt-secret=" + TestTokens.SECRET,
                "--management.server.port=0"));
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
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
    public void kill() {
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

    /**
     * The {@code open} flags (as in {@code /proc/PID/fdinfo}) of the file the running server holds open whose
     * path ends with {@code suffix}: Linux only.
     */
    public int openFlags(String suffix) {
        Path fds = Path.of("/proc", String.valueOf(process.pid()), "fd");
        try (Stream<Path> open = Files.list(fds)) {
            Path fd = open.filter(link -> readLink(link).endsWith(suffix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the server has no file *" + suffix + " open"));
            String info = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "fdinfo",
                    fd.getFileName().toString()));
            Matcher flags = Pattern.compile("(?m)^flags:\\s+([0-7]+)$").matcher(info);
            if (!flags.find()) {
                throw new IllegalStateException("no flags in " + info);
            }
            return Integer.parseInt(flags.group(1), 8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    /** Everything the server wrote to its log file so far. */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the last run ended: 137 (128 + SIGKILL) after {@link #kill()}. */
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public String toString() {
        return "server process " + name + " on port " + port;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
