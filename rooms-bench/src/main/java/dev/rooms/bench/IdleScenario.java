package dev.rooms.bench;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * N connections that only answer pings, spread over R rooms: how fast they open and what the server's
 * resident memory is while it holds them. A probe message at the end shows they are still alive.
 */
final class IdleScenario implements BenchSocket.Listener {

    private static final String PROBE = "bench idle probe";

    private final ScenarioContext context;
    private final EventLoop loop;
    private final int total;
    private final int rooms;
    private final BenchSocket[] sockets;
    private Connector connector;
    private int probeReceipts;

    /** @param loop the scenario's network thread, closed by the caller afterwards */
    IdleScenario(ScenarioContext context, EventLoop loop) {
        this.context = context;
        this.loop = loop;
        this.total = context.options().idle();
        this.rooms = Math.min(context.options().rooms(), Math.max(1, total));
        this.sockets = new BenchSocket[total];
    }

    /** Runs the scenario and prints its report; returns the number of failures (connections lost). */
    long run() {
        PrintStream out = context.out();
        BenchOptions options = context.options();
        ProcStats stats = context.stats();
        out.printf("%n== idle: %,d connections over %d rooms, held %d s%n", total, rooms, options.idleHoldSeconds());
        String token = context.login("idle", "Bench idle");
        long[] roomIds = new long[rooms];
        for (int r = 0; r < rooms; r++) {
            roomIds[r] = context.api().createRoom(token, "bench " + context.runId() + " idle " + r);
        }
        long rssBefore = stats.serverMemoryKib("VmRSS");
        String loadBefore = ProcStats.loadAverage();

        ProcStats.Sample from = stats.sample();
        connector = new Connector(loop, total, options.connectWindow(), i -> {
            sockets[i] = new BenchSocket(loop, i, this);
            context.connect(sockets[i], roomIds[i % rooms], token);
        });
        Connector.Result connect = connector.openAll();
        ProcStats.Sample to = stats.sample();
        out.printf("connect      %,d/%,d open in %.1f s: %,.0f connections/s%s%n", connect.opened(), total,
                connect.seconds(), connect.ratePerSecond(), connect.failuresNote());
        out.printf("cpu          while connecting: %s%n", stats.cpuReport(from, to));

        long rssMax = stats.serverMemoryKib("VmRSS");
        long holdEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.idleHoldSeconds());
        while (System.nanoTime() < holdEnd) {
            EventLoop.pause(Math.min(1000, TimeUnit.NANOSECONDS.toMillis(holdEnd - System.nanoTime()) + 1));
            rssMax = Math.max(rssMax, stats.serverMemoryKib("VmRSS"));
        }
        long rssHeld = stats.serverMemoryKib("VmRSS");
        long hwm = stats.serverMemoryKib("VmHWM");
        int probeExpected = probe();

        int stillOpen = loop.call(() -> {
            int count = 0;
            for (BenchSocket socket : sockets) {
                count += socket != null && socket.isOpen() ? 1 : 0;
            }
            return count;
        });
        if (stats.knowsServer()) {
            out.printf("server RSS   %s before connecting, %s holding %,d connections (max %s while held,"
                            + " high-water %s): %s per connection%n", mib(rssBefore), mib(rssHeld), stillOpen,
                    mib(rssMax), mib(hwm),
                    stillOpen > 0 ? String.format("%.1f KiB", (rssHeld - rssBefore) / (double) stillOpen) : "n/a");
        } else {
            out.println("server RSS   n/a (pass --server-pid)");
        }
        out.printf("load         loadavg %s before, %s after%n", loadBefore, ProcStats.loadAverage());
        long lost = loop.call(connector::unexpectedCloses);
        String codes = loop.call(connector::unexpectedCloseCodes);
        int probed = probeReceiptsNow();
        out.printf("alive        %,d still open after %d s, %d closed by the server%s; probe reached %d/%d"
                + " connections of its room%n", stillOpen, options.idleHoldSeconds(), lost, codes, probed,
                probeExpected);
        long failures = (total - connect.opened()) + lost + (probeExpected - probed);
        out.printf("result       %s%n", failures == 0 ? "OK" : "FAILED");
        connector.closeAll(sockets);
        return failures;
    }

    /** Sends one message into the first room and waits for it to reach every open connection there. */
    private int probe() {
        int expected = loop.call(() -> {
            int count = 0;
            BenchSocket sender = null;
            for (int i = 0; i < total; i += rooms) {
                if (sockets[i] != null && sockets[i].isOpen()) {
                    count++;
                    sender = sender == null ? sockets[i] : sender;
                }
            }
            if (sender != null) {
                sender.sendText("{\"content\":\"" + PROBE + "\",\"nonce\":\"probe\"}");
            }
            return count;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (probeReceiptsNow() < expected && System.nanoTime() < deadline) {
            EventLoop.pause(50);
        }
        return expected;
    }

    private int probeReceiptsNow() {
        return loop.call(() -> probeReceipts);
    }

    @Override
    public void onOpen(BenchSocket socket) {
        connector.opened(socket);
    }

    @Override
    public void onText(BenchSocket socket, byte[] data, int offset, int length, long receivedNanos) {
        ChatFrame frame = ChatFrame.parse(data, offset, length);
        if (frame != null && frame.content().equals(PROBE)) {
            probeReceipts++;
        }
    }

    @Override
    public void onClosed(BenchSocket socket, int code, String reason) {
        connector.closed(socket, code, reason);
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format("%.0f MiB", kib / 1024.0);
    }
}
