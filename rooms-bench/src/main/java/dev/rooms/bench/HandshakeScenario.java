package dev.rooms.bench;

import java.io.PrintStream;
import java.net.InetSocketAddress;

/**
 * N WebSocket handshakes started at once (one user, one room, every socket's token checked and its room looked
 * up by the server): the latency of each upgrade, from the start of its TCP connection to the server's 101
 * answer, and how many were refused. Two bursts, the sockets closed after each: the first meets a server that
 * has not served a handshake yet (code not compiled, pools not grown), the second one that has. With
 * {@code --handshake-warmups K}, K bursts go before them unreported, so both measured bursts meet a server whose
 * code is compiled, as a server that has run for a while has it.
 */
final class HandshakeScenario implements BenchSocket.Listener {

    private final BenchOptions options;
    private final RoomsApi api;
    private final ProcStats stats;
    private final PrintStream out;
    private final String runId;
    private final EventLoop loop = new EventLoop();
    private final int total;
    private BenchSocket[] sockets;
    private long[] startedNanos;
    private boolean[] opened;
    private LatencyHistogram upgrades;
    private Connector connector;

    HandshakeScenario(BenchOptions options, RoomsApi api, ProcStats stats, PrintStream out, String runId) {
        this.options = options;
        this.api = api;
        this.stats = stats;
        this.out = out;
        this.runId = runId;
        this.total = options.handshakes();
    }

    /** Runs the scenario and prints its report; returns the number of failures (handshakes not upgraded). */
    long run() {
        try {
            return measure();
        } finally {
            loop.close();
        }
    }

    private long measure() {
        out.printf("%n== handshakes: %,d WebSocket upgrades started at once, one user, one room, two bursts%s%n", total,
                options.handshakeWarmups() > 0 ? " after " + options.handshakeWarmups() + " warm-up bursts" : "");
        String email = "bench-" + runId + "-handshakes@bench.example";
        String password = "Bench-" + runId + "-pw";
        api.register(email, "Bench handshakes", password);
        String token = api.login(email, password);
        long roomId = api.createRoom(token, "bench " + runId + " handshakes");
        String path = "/ws/chat/" + roomId + "/";
        InetSocketAddress server = new InetSocketAddress(options.url().getHost(), options.url().getPort());
        long failures = 0;
        for (int i = 1; i <= options.handshakeWarmups(); i++) {
            failures += burst("warm-up burst " + i, server, path, token, false);
        }
        failures += burst("first burst", server, path, token);
        failures += burst("second burst", server, path, token);
        out.printf("result       %s%n", failures == 0 ? "OK" : "FAILED");
        return failures;
    }

    private long burst(String name, InetSocketAddress server, String path, String token) {
        return burst(name, server, path, token, true);
    }

    private long burst(String name, InetSocketAddress server, String path, String token, boolean report) {
        sockets = new BenchSocket[total];
        startedNanos = new long[total];
        opened = new boolean[total];
        upgrades = new LatencyHistogram();
        if (report) {
            out.printf("%s%n", name);
        }
        ProcStats.Sample from = stats.sample();
        connector = new Connector(loop, total, total, i -> {
            sockets[i] = new BenchSocket(loop, i, this);
            startedNanos[i] = System.nanoTime();
            if (options.tokenInQuery()) {
                sockets[i].connect(server, path + "?token=" + token, null);
            } else {
                sockets[i].connect(server, path, token);
            }
        });
        Connector.Result connect = connector.openAll(Math.max(60, total / 50));
        ProcStats.Sample to = stats.sample();
        long failures = total - connect.opened();
        String p = loop.call(() -> String.format("p50 %s  p90 %s  p99 %s  max %s", ms(upgrades.percentile(50)),
                ms(upgrades.percentile(90)), ms(upgrades.percentile(99)), ms(upgrades.max())));
        if (report || failures > 0) {
            out.printf("%supgraded     %,d/%,d in %.2f s%s%n", report ? "" : name + ": ", connect.opened(), total,
                    connect.seconds(), failures > 0
                            ? ", FAILED " + connect.failed() + " " + connect.failures() + ", pending " + connect.pending() : "");
        }
        if (report) {
            out.printf("latency      %s  (TCP connect to the 101 answer)%n", p);
            out.printf("cpu          %s%n", stats.cpuReport(from, to));
            out.printf("server CPU   %.0f µs per handshake%n", (to.serverCpuNanos() - from.serverCpuNanos()) / 1000.0 / total);
        }
        BenchSocket.closeAll(loop, sockets);
        return failures;
    }

    @Override
    public void onOpen(BenchSocket socket) {
        opened[socket.id()] = true;
        upgrades.record((System.nanoTime() - startedNanos[socket.id()]) / 1000);
        connector.opened();
    }

    @Override
    public void onText(BenchSocket socket, byte[] data, int offset, int length, long receivedNanos) {
        // Nothing is sent into the room.
    }

    @Override
    public void onClosed(BenchSocket socket, int code, String reason) {
        if (!opened[socket.id()]) {
            connector.failed(code < 0 ? "HTTP " + -code : reason);
        }
    }

    private static String ms(long micros) {
        return String.format("%.2f ms", micros / 1000.0);
    }
}
