package dev.rooms.bench;

import java.util.UUID;

/**
 * Load generator for the live WebSocket layer of a running Rooms server (throughput, idle connections,
 * handshakes at once); {@code scripts/bench} builds it,
 * starts a server and runs it. Exit status 0 when every scenario delivered everything, 1 when messages were
 * lost, duplicated, reordered or connections failed, 2 on bad usage.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    private static int run(BenchOptions options) {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        RoomsApi api = new RoomsApi(options.url());
        ProcStats stats = new ProcStats(options.serverPid(), options.alsoPids(), options.clockTicks());
        System.out.printf("bench run %s against %s%s, %d cores, loadavg %s%n", runId, options.url(),
                options.serverPid() > 0 ? " (pid " + options.serverPid()
                        + (options.alsoPids().isEmpty() ? "" : ", CPU summed with pids " + options.alsoPids()) + ")" : "",
                Runtime.getRuntime().availableProcessors(), ProcStats.loadAverage());
        long failures = 0;
        try {
            if (options.runs("throughput")) {
                failures += new ThroughputScenario(options, api, stats, System.out, runId).run();
            }
            if (options.runs("idle") && options.idle() > 0) {
                failures += new IdleScenario(options, api, stats, System.out, runId).run();
            }
            if (options.runs("handshakes")) {
                failures += new HandshakeScenario(options, api, stats, System.out, runId).run();
            }
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }
}
