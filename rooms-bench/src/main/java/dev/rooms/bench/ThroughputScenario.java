package dev.rooms.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * R rooms × C clients, every client sending chat messages at a fixed rate (open loop: a late server does
 * not slow the senders down) and receiving everyone's. Each receipt's latency is its receive time minus the
 * send time embedded in the content (one JVM, one clock). Afterwards every connection's receipts are checked
 * against the room's REST history: each message exactly once, in history order, nothing else.
 */
final class ThroughputScenario implements BenchSocket.Listener {

    /** What the history check found; all counts should be 0. */
    record Check(long lost, long duplicated, long reordered, long unknown, long notPersisted,
                 long duplicatedInHistory, long historyOutOfOrder, long contentMismatch, long nonceMismatch,
                 long unexpectedCloses, long historyMessages, long late) {

        long failures() {
            return lost + duplicated + reordered + unknown + notPersisted + duplicatedInHistory + historyOutOfOrder
                    + contentMismatch + nonceMismatch + unexpectedCloses;
        }
    }

    private final ScenarioContext context;
    private final EventLoop loop;
    private final int clients;
    private final int total;
    private final BenchSocket[] sockets;
    private final LongList[] receipts;
    private final int[] sent;
    private final long[] sentInRoom;
    /** Per connection, parallel to its receipts: who sent each message and its number ({@link #key}), -1 if foreign. */
    private final LongList[] receiptKeys;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final LatencyHistogram sendLag = new LatencyHistogram();
    private String[] tokens;
    private long[] roomIds;
    private Connector connector;
    private static final long PROFILER_LEAD_NANOS = TimeUnit.SECONDS.toNanos(2);

    private long measureStart = Long.MAX_VALUE;
    private long measureEnd = Long.MAX_VALUE;
    private long deliveries;
    private long windowDeliveries;
    private long nonChatFrames;
    private long foreign;
    private long nonceMismatch;
    private long skippedSends;
    private long windowSends;

    /** @param loop the scenario's network thread, closed by the caller afterwards */
    ThroughputScenario(ScenarioContext context, EventLoop loop) {
        BenchOptions options = context.options();
        this.context = context;
        this.loop = loop;
        this.clients = options.clients();
        this.total = options.rooms() * clients;
        this.sockets = new BenchSocket[total];
        this.receipts = new LongList[total];
        this.receiptKeys = new LongList[total];
        this.sent = new int[total];
        this.sentInRoom = new long[options.rooms()];
        // Sized for the whole run up front: growing (copying) big arrays would add pauses to the generator.
        int expected = (int) Math.min(Integer.MAX_VALUE - 64,
                Math.ceil(options.rate() * clients * (options.warmupSeconds() + options.durationSeconds() + 1)));
        for (int i = 0; i < total; i++) {
            receipts[i] = new LongList(expected);
            receiptKeys[i] = new LongList(expected);
        }
    }

    /** Runs the scenario and prints its report; returns the number of failures found (0 = all delivered). */
    long run() {
        PrintStream out = context.out();
        BenchOptions options = context.options();
        ProcStats stats = context.stats();
        out.printf("%n== throughput: %d rooms × %d clients, %s msg/s per client, %d s warm-up + %d s measured%n",
                options.rooms(), clients, options.rate(), options.warmupSeconds(), options.durationSeconds());
        setUp();

        Connector.Result connect = connect();
        out.printf("connect      %d/%d open in %.1f s (%.0f/s)%s%n", connect.opened(), total, connect.seconds(),
                connect.ratePerSecond(), connect.failuresNote());
        if (connect.opened() < total) {
            connector.closeAll(sockets);
            return total - connect.opened();
        }

        long period = (long) (TimeUnit.SECONDS.toNanos(1) / options.rate());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long warmupEnd = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(options.durationSeconds());
        loop.execute(() -> startSending(start, warmupEnd, end, period));
        String loadBefore = ProcStats.loadAverage();
        // The profile starts up to two seconds before the window, at the same load, so that attaching the
        // profiler happens before the window's first reading.
        sleepUntil(Math.max(start, warmupEnd - PROFILER_LEAD_NANOS));
        context.startProfile();
        sleepUntil(warmupEnd);
        ProcStats.Sample from = stats.sample();
        sleepUntil(end);
        ProcStats.Sample to = stats.sample();
        context.stopProfile("throughput");

        boolean drained = drain();
        Check check = check();
        connector.closeAll(sockets);
        report(from, to, loadBefore, drained, check);
        return check.failures();
    }

    private void setUp() {
        tokens = new String[clients];
        for (int j = 0; j < clients; j++) {
            tokens[j] = context.login(String.valueOf(j), "Bench " + j);
        }
        roomIds = new long[context.options().rooms()];
        for (int r = 0; r < roomIds.length; r++) {
            roomIds[r] = context.api().createRoom(tokens[0], "bench " + context.runId() + " " + r);
        }
    }

    private Connector.Result connect() {
        connector = new Connector(loop, total, context.options().connectWindow(), i -> {
            sockets[i] = new BenchSocket(loop, i, this);
            context.connect(sockets[i], roomIds[i / clients], tokens[i % clients]);
        });
        return connector.openAll();
    }

    private void startSending(long start, long warmupEnd, long end, long period) {
        measureStart = warmupEnd;
        measureEnd = end;
        for (int i = 0; i < total; i++) {
            int socket = i;
            long first = start + period * i / total;
            loop.schedule(first, () -> send(socket, first, period));
        }
    }

    private void send(int i, long deadline, long period) {
        if (deadline >= measureEnd) {
            return;
        }
        long now = System.nanoTime();
        if (sockets[i].isOpen()) {
            int seq = sent[i]++;
            sentInRoom[i / clients]++;
            sockets[i].sendText("{\"content\":\"bench " + i + " " + seq + " " + now + "\",\"nonce\":\""
                    + i + "-" + seq + "\"}");
            if (deadline >= measureStart) {
                sendLag.record((now - deadline) / 1000);
                windowSends++;
            }
        } else {
            skippedSends++;
        }
        long next = deadline + period;
        loop.schedule(next, () -> send(i, next, period));
    }

    @Override
    public void onOpen(BenchSocket socket) {
        connector.opened(socket);
    }

    @Override
    public void onText(BenchSocket socket, byte[] data, int offset, int length, long receivedNanos) {
        ChatFrame frame = ChatFrame.parse(data, offset, length);
        if (frame == null) {
            nonChatFrames++;
            return;
        }
        int i = socket.id();
        receipts[i].add(frame.id());
        deliveries++;
        if (receivedNanos >= measureStart && receivedNanos < measureEnd) {
            windowDeliveries++;
        }
        long[] parsed = parseContent(frame.content());
        if (parsed == null) {
            receiptKeys[i].add(-1);
            foreign++;
            return;
        }
        receiptKeys[i].add(key(parsed[0], parsed[1]));
        if (!(parsed[0] + "-" + parsed[1]).equals(frame.nonce())) {
            nonceMismatch++;
        }
        long sentAt = parsed[2];
        if (sentAt >= measureStart && sentAt < measureEnd) {
            latency.record((receivedNanos - sentAt) / 1000);
        }
    }

    @Override
    public void onClosed(BenchSocket socket, int code, String reason) {
        connector.closed(socket, code, reason);
    }

    private static long key(long socket, long seq) {
        return socket << 32 | seq;
    }

    /** Reads {@code "bench <socket> <seq> <nanoTime>"}; null for anything else. */
    private static long[] parseContent(String content) {
        if (!content.startsWith("bench ")) {
            return null;
        }
        long[] fields = new long[3];
        int field = 0;
        long value = 0;
        boolean digits = false;
        for (int k = 6; k < content.length(); k++) {
            char c = content.charAt(k);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                digits = true;
            } else if (c == ' ' && digits && field < 2) {
                fields[field++] = value;
                value = 0;
                digits = false;
            } else {
                return null;
            }
        }
        if (field != 2 || !digits) {
            return null;
        }
        fields[2] = value;
        return fields;
    }

    /** Waits until every connection has as many receipts as its room had sends, or the drain time is up. */
    private boolean drain() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(context.options().drainSeconds());
        while (System.nanoTime() < deadline) {
            if (loop.call(this::allReceived)) {
                return true;
            }
            sleepMillis(100);
        }
        return false;
    }

    private boolean allReceived() {
        for (int i = 0; i < total; i++) {
            if (receipts[i].size() < sentInRoom[i / clients]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fetches every room's history and compares. Receipts counted before the fetch must all be in it (a
     * message is persisted before it is broadcast); later ones may be newer than the fetched history when the
     * server was still behind, and are only counted as late.
     */
    private Check check() {
        int[] before = loop.call(() -> {
            int[] counts = new int[total];
            for (int i = 0; i < total; i++) {
                counts[i] = receipts[i].size();
            }
            return counts;
        });
        List<List<RoomsApi.HistoryMessage>> histories = new ArrayList<>();
        for (long roomId : roomIds) {
            histories.add(context.api().history(tokens[0], roomId));
        }
        return loop.call(() -> check(histories, before));
    }

    private Check check(List<List<RoomsApi.HistoryMessage>> histories, int[] before) {
        long lost = 0;
        long duplicated = 0;
        long reordered = 0;
        long unknown = 0;
        long notPersisted = 0;
        long duplicatedInHistory = 0;
        long historyOutOfOrder = 0;
        long mismatch = 0;
        long messages = 0;
        long late = 0;
        for (int r = 0; r < histories.size(); r++) {
            List<RoomsApi.HistoryMessage> history = histories.get(r);
            messages += history.size();
            long[] ids = new long[history.size()];
            long[] keys = new long[history.size()];
            Map<Long, Integer> timesPersisted = new HashMap<>();
            for (int k = 0; k < ids.length; k++) {
                RoomsApi.HistoryMessage message = history.get(k);
                ids[k] = message.id();
                if (k > 0 && ids[k] <= ids[k - 1]) {
                    historyOutOfOrder++;
                }
                long[] parsed = parseContent(message.content());
                keys[k] = parsed == null ? -1 : key(parsed[0], parsed[1]);
                if (parsed != null) {
                    timesPersisted.merge(keys[k], 1, Integer::sum);
                }
            }
            for (int j = 0; j < clients; j++) {
                int i = r * clients + j;
                for (int seq = 0; seq < sent[i]; seq++) {
                    int times = timesPersisted.getOrDefault(key(i, seq), 0);
                    if (times == 0) {
                        notPersisted++;
                    } else if (times > 1) {
                        duplicatedInHistory += times - 1;
                    }
                }
            }
            long[] sorted = ids.clone();
            Arrays.sort(sorted);
            long[] keyAt = new long[sorted.length];
            for (int k = 0; k < ids.length; k++) {
                keyAt[Arrays.binarySearch(sorted, ids[k])] = keys[k];
            }
            for (int j = 0; j < clients; j++) {
                int i = r * clients + j;
                LongList got = receipts[i];
                BitSet seen = new BitSet(ids.length);
                int last = -1;
                for (int k = 0; k < got.size(); k++) {
                    int at = Arrays.binarySearch(sorted, got.get(k));
                    if (at < 0) {
                        if (k < before[i]) {
                            unknown++;
                        } else {
                            late++;
                        }
                        continue;
                    }
                    if (receiptKeys[i].get(k) != keyAt[at]) {
                        mismatch++;
                    }
                    if (seen.get(at)) {
                        duplicated++;
                        continue;
                    }
                    seen.set(at);
                    if (at < last) {
                        reordered++;
                    }
                    last = Math.max(last, at);
                }
                lost += ids.length - seen.cardinality();
            }
        }
        return new Check(lost, duplicated, reordered, unknown, notPersisted, duplicatedInHistory, historyOutOfOrder,
                mismatch, nonceMismatch, connector.unexpectedCloses(), messages, late);
    }

    private void report(ProcStats.Sample from, ProcStats.Sample to, String loadBefore, boolean drained,
                        Check check) {
        PrintStream out = context.out();
        BenchOptions options = context.options();
        ProcStats stats = context.stats();
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        loop.call(() -> {
            long sentTotal = 0;
            for (int count : sent) {
                sentTotal += count;
            }
            double offered = total * options.rate();
            out.printf("offered      %.0f msg/s → %.0f deliveries/s (each message goes to the %d clients of its"
                    + " room, sender included)%n", offered, offered * clients, clients);
            out.printf("delivered    %,.0f deliveries/s over the measured %.1f s (%,d deliveries in total, %,d"
                    + " messages sent, %,d in history)%n", windowDeliveries / seconds, seconds, deliveries,
                    sentTotal, check.historyMessages());
            out.printf("latency      p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%,d receipts in the window)%n",
                    millis(latency.percentile(50)), millis(latency.percentile(90)),
                    millis(latency.percentile(99)), millis(latency.percentile(99.9)), millis(latency.max()),
                    latency.count());
            out.printf("send lag     p99 %s  max %s  (generator behind its own schedule; %d sends skipped)%n",
                    millis(sendLag.percentile(99)), millis(sendLag.max()), skippedSends);
            out.printf("cpu          %s%n", stats.cpuReport(from, to));
            if (stats.knowsServer() && windowDeliveries > 0) {
                double serverMicros = (to.serverCpuNanos() - from.serverCpuNanos()) / 1000.0;
                double benchMicros = (to.benchCpuNanos() - from.benchCpuNanos()) / 1000.0;
                double perDelivery = (serverMicros + benchMicros) / windowDeliveries;
                out.printf("             server CPU %.0f µs per message, %.1f µs per delivery (%.1f µs without the JIT"
                                + " compiler's threads); with the generator's %.1f µs, %d idle cores could carry at most"
                                + " ≈ %,.0f deliveries/s%n",
                        serverMicros / Math.max(1, windowSends), serverMicros / windowDeliveries,
                        (serverMicros - stats.compilerCpuNanos(from, to) / 1000.0) / windowDeliveries,
                        benchMicros / windowDeliveries, Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().availableProcessors() * 1e6 / perDelivery);
            }
            if (stats.knowsServer()) {
                out.printf("             server threads: %s%n", stats.threadReport(from, to, 6));
            }
            boolean targetLoad = options.rooms() == 100 && clients == 10 && options.rate() == 5.0;
            if (targetLoad) {
                double rate = windowDeliveries / seconds;
                out.printf("target       ≥ 50,000 deliveries/s (all of the offered load, 1%% tolerance for the"
                                + " window edges): %s; p99 ≤ 50 ms: %s; nothing lost: %s%n",
                        rate >= 49_500 ? "met" : "MISSED", latency.percentile(99) <= 50_000 ? "met" : "MISSED",
                        check.failures() == 0 ? "met" : "MISSED");
            }
            out.printf("load         loadavg %s before, %s after%n", loadBefore, ProcStats.loadAverage());
            out.printf("check        lost %d, duplicated %d, reordered %d, not in history %d, sent but not"
                            + " persisted %d, persisted twice %d, history out of id order %d, content mismatch %d,"
                            + " nonce mismatch %d, unexpected closes %d%s%n",
                    check.lost(), check.duplicated(), check.reordered(), check.unknown(), check.notPersisted(),
                    check.duplicatedInHistory(), check.historyOutOfOrder(), check.contentMismatch(),
                    check.nonceMismatch(), check.unexpectedCloses(),
                    connector.unexpectedCloseCodes());
            if (!drained) {
                out.printf("             deliveries were still missing %d s after sending stopped (--drain); %d"
                        + " arrived after the history was fetched%n", options.drainSeconds(), check.late());
            }
            if (nonChatFrames + foreign > 0) {
                out.printf("             %d non-chat frames, %d chat messages not sent by this run%n",
                        nonChatFrames, foreign);
            }
            out.printf("result       %s%n", check.failures() == 0 ? "OK: every message in history reached every"
                    + " connection of its room exactly once, in history order" : "FAILED");
            return null;
        });
    }

    static String millis(long micros) {
        return String.format("%.2f ms", micros / 1000.0);
    }

    private static void sleepMillis(long millis) {
        sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static void sleepUntil(long deadlineNanos) {
        long wait;
        while ((wait = deadlineNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
