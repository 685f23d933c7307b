package dev.rooms.server.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API port's listening socket lets the kernel hold a burst of connections (1,000 handshakes at once) instead
 * of the JDK's default 50: its backlog as the kernel reports it ({@code ss}, as scripts/bench uses).
 */
class AcceptQueueTest extends LiveServerTest {

    @Test
    void apiPortListensWithRoomForABurstOfConnections() throws IOException, InterruptedException {
        Process ss = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).redirectErrorStream(true).start();
        List<String> lines = new String(ss.getInputStream().readAllBytes()).lines().toList();
        ss.waitFor();

        assertThat(lines).isNotEmpty();
        // LISTEN  <queued>  <backlog>  <address:port> ...
        int backlog = Integer.parseInt(lines.get(0).trim().split("\\s+")[2]);
        assertThat(backlog).isGreaterThanOrEqualTo(Math.min(1024, somaxconn()));
    }

    private static int somaxconn() throws IOException {
        return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/core/somaxconn")).trim());
    }
}
