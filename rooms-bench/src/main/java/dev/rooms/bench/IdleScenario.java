package dev.rooms.bench;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * N connections that only answer pings, spread over R rooms: how fast they open and what the server's
 * resident memory is while it holds them. A probe message at the end shows they are still alive.
 */
final class IdleScenario implements BenchSocket.Listener {

    private static final String PROBE = "bench idle probe";

    private final BenchOptions options;
    private final RoomsApi api;
    private final ProcStats stats;
    private final PrintStream out;
    private final String runId;
    private final EventLoop loop = new EventLoop();
    private final int total;
    private final int rooms;
    private final BenchSocket[] sockets;
    private final boolean[] opened;
    private final Map<Integer, Integer> closeCodes = new TreeMap<>();
    private Connector connector;
    private boolean closingAll;
    private long unexpectedCloses;
    private int probeReceipts;

    IdleScenario(BenchOptions options, RoomsApi api, ProcStats stats, PrintStream out, String runId) {
        this.options = options;
        this.api = api;
        this.stats = stats;
        this.out = out;
        this.runId = runId;
        this.total = options.idle();
        this.rooms = Math.min(options.rooms(), Math.max(1, total));
        this.sockets = new BenchSocket[total];
        this.opened = new boolean[total];
    }

    /** Runs the scenario and prints its report; returns the number of failures (connections lost). */
    long run() {
        try {
            return measure();
        } finally {
            loop.close();
        }
    }

    private long measure() {
        out.printf("%n== idle: %,d connections over %d rooms, held %d s%n", total, rooms, options.idleHoldSeconds());
        String email = "bench-" + runId + "-idle@bench.example";
        String password = "Bench-" + runId + "-pw";
        api.register(email, "Bench idle", password);
        String token = api.login(email, password);
        long[] roomIds = new long[rooms];
        for (int r = 0; r < rooms; r++) {
            roomIds[r] = api.createRoom(token, "bench " + runId + " idle " + r);
        }
        long rssBefore = stats.serverMemoryKib("VmRSS");
        String loadBefore = ProcStats.loadAverage();
        InetSocketAddress server = new InetSocketAddress(options.url().getHost(), options.url().getPort());

        ProcStats.Sample from = stats.sample();
        connector = new Connector(loop, total, options.connectWindow(), i -> {
            sockets[i] = new BenchSocket(loop, i, this);
            String path = "/ws/chat/" + roomIds[i % rooms] + "/";
            if (options.tokenInQuery()) {
                sockets[i].connect(server, path + "?token=" + token, null);
            } else {
                sockets[i].connect(server, path, token);
            }
        });
        Connector.Result connect = connector.openAll(Math.max(60, total / 50));
        ProcStats.Sample to = stats.sample();
        out.printf("connect      %,d/%,d open in %.1f s: %,.0f connections/s%s%n", connect.opened(), total,
                connect.seconds(), connect.ratePerSecond(), connect.failed() + connect.pending() > 0
                        ? ", FAILED " + connect.failed() + " " + connect.failures() + ", pending " + connect.pending()
                        : "");
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
        long lost = loop.call(() -> unexpectedCloses);
        String codes = loop.call(() -> closeCodes.isEmpty() ? "" : " (close codes " + closeCodes + ")");
        int probed = probeReceiptsNow();
        out.printf("alive        %,d still open after %d s, %d closed by the server%s; probe reached %d/%d"
                + " connections of its room%n", stillOpen, options.idleHoldSeconds(), lost, codes, probed,
                probeExpected);
        long failures = (total - connect.opened()) + lost + (probeExpected - probed);
        out.printf("result       %s%n", failures == 0 ? "OK" : "FAILED");
        closeAll();
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
        opened[socket.id()] = true;
        connector.opened();
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
        if (!opened[socket.id()]) {
            connector.failed(code < 0 ? "HTTP " + -code : reason);
        } else if (!closingAll) {
            unexpectedCloses++;
            closeCodes.merge(code, 1, Integer::sum);
        }
    }

    private void closeAll() {
        loop.call(() -> {
            closingAll = true;
            return null;
        });
        BenchSocket.closeAll(loop, sockets);
    }

    private static String mib(long kib) {
        return kib < 0 ? "n/a" : String.format("%.0f MiB", kib / 1024.0);
    }
}
