package dev.rooms.bench;

/**
 * N WebSocket handshakes started at once (one user, one room, every socket's token checked and its room looked
 * up by the server): the latency of each upgrade, from the start of its TCP connection to the server's 101
 * answer, and how many were refused. Two bursts, the sockets closed after each: the first meets a server that
 * has not served a handshake yet (code not compiled, pools not grown), the second one that has. With
 * {@code --handshake-warmups K}, K bursts go before them unreported, so both measured bursts meet a server whose
 * code is compiled, as a server that has run for a while has it.
 */
final class HandshakeScenario implements BenchSocket.Listener {

    private final ScenarioContext context;
    private final EventLoop loop;
    private final int total;
    private BenchSocket[] sockets;
    private long[] startedNanos;
    private LatencyHistogram upgrades;
    private Connector connector;

    /** @param loop the scenario's network thread, closed by the caller afterwards */
    HandshakeScenario(ScenarioContext context, EventLoop loop) {
        this.context = context;
        this.loop = loop;
        this.total = context.options().handshakes();
    }

    /** Runs the scenario and prints its report; returns the number of failures (handshakes not upgraded). */
    long run() {
        int warmups = context.options().handshakeWarmups();
        context.out().printf("%n== handshakes: %,d WebSocket upgrades started at once, one user, one room, two"
                + " bursts%s%n", total, warmups > 0 ? " after " + warmups + " warm-up bursts" : "");
        String token = context.login("handshakes", "Bench handshakes");
        long roomId = context.api().createRoom(token, "bench " + context.runId() + " handshakes");
        long failures = 0;
        for (int i = 1; i <= warmups; i++) {
            failures += burst("warm-up burst " + i, roomId, token, false);
        }
        failures += burst("first burst", roomId, token, true);
        failures += burst("second burst", roomId, token, true);
        context.out().printf("result       %s%n", failures == 0 ? "OK" : "FAILED");
        return failures;
    }

    private long burst(String name, long roomId, String token, boolean report) {
        sockets = new BenchSocket[total];
        startedNanos = new long[total];
        upgrades = new LatencyHistogram();
        if (report) {
            context.out().printf("%s%n", name);
        }
        // Only the reported bursts are profiled: the warm-up ones are there to be left out.
        if (report) {
            context.startProfile();
        }
        ProcStats.Sample from = context.stats().sample();
        connector = new Connector(loop, total, total, i -> {
            sockets[i] = new BenchSocket(loop, i, this);
            startedNanos[i] = System.nanoTime();
            context.connect(sockets[i], roomId, token);
        });
        Connector.Result connect = connector.openAll();
        ProcStats.Sample to = context.stats().sample();
        if (report) {
            context.stopProfile("handshakes-" + name.replace(' ', '-'));
        }
        long failures = total - connect.opened();
        String p = loop.call(() -> String.format("p50 %s  p90 %s  p99 %s  max %s", ms(upgrades.percentile(50)),
                ms(upgrades.percentile(90)), ms(upgrades.percentile(99)), ms(upgrades.max())));
        if (report || failures > 0) {
            context.out().printf("%supgraded     %,d/%,d in %.2f s%s%n", report ? "" : name + ": ", connect.opened(),
                    total, connect.seconds(), connect.failuresNote());
        }
        if (report) {
            context.out().printf("latency      %s  (TCP connect to the 101 answer)%n", p);
            context.out().printf("cpu          %s%n", context.stats().cpuReport(from, to));
            context.out().printf("server CPU   %.0f µs per handshake (%.0f µs without the JIT compiler's threads)%n",
                    (to.serverCpuNanos() - from.serverCpuNanos()) / 1000.0 / total,
                    (to.serverCpuNanos() - from.serverCpuNanos() - context.stats().compilerCpuNanos(from, to)) / 1000.0 / total);
        }
        connector.closeAll(sockets);
        return failures;
    }

    @Override
    public void onOpen(BenchSocket socket) {
        upgrades.record((System.nanoTime() - startedNanos[socket.id()]) / 1000);
        connector.opened(socket);
    }

    @Override
    public void onText(BenchSocket socket, byte[] data, int offset, int length, long receivedNanos) {
        // Nothing is sent into the room.
    }

    @Override
    public void onClosed(BenchSocket socket, int code, String reason) {
        connector.closed(socket, code, reason);
    }

    private static String ms(long micros) {
        return String.format("%.2f ms", micros / 1000.0);
    }
}
