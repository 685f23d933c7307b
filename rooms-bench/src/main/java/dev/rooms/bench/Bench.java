package dev.rooms.bench;

import java.util.UUID;
import java.util.function.ToLongFunction;

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
        ScenarioContext context;
        try {
            context = ScenarioContext.of(BenchOptions.parse(args), System.out, UUID.randomUUID().toString().substring(0, 8));
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(context));
    }

    private static int run(ScenarioContext context) {
        BenchOptions options = context.options();
        System.out.printf("bench run %s against %s%s, %d cores, loadavg %s%n", context.runId(), options.url(),
                options.serverPid() > 0 ? " (pid " + options.serverPid()
                        + (options.alsoPids().isEmpty() ? "" : ", CPU summed with pids " + options.alsoPids()) + ")" : "",
                Runtime.getRuntime().availableProcessors(), ProcStats.loadAverage());
        long failures = 0;
        try {
            if (options.runs("throughput")) {
                failures += inLoopOfItsOwn(loop -> new ThroughputScenario(context, loop).run());
            }
            if (options.runs("idle") && options.idle() > 0) {
                failures += inLoopOfItsOwn(loop -> new IdleScenario(context, loop).run());
            }
            if (options.runs("handshakes")) {
                failures += inLoopOfItsOwn(loop -> new HandshakeScenario(context, loop).run());
            }
        } catch (IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }

    /** Runs a scenario on a network thread of its own, closed with whatever sockets it left when it ends. */
    private static long inLoopOfItsOwn(ToLongFunction<EventLoop> scenario) {
        try (EventLoop loop = new EventLoop()) {
            return scenario.applyAsLong(loop);
        }
    }
}
