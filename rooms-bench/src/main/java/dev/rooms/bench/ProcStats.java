package dev.rooms.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU and memory figures from Linux's /proc for the server (by pid), for this generator (from the JVM) and
 * for the whole machine, so a report shows who used the cores during a run.
 */
final class ProcStats {

    /** A point in time; differences of two samples give CPU shares. */
    record Sample(long wallNanos, long serverCpuNanos, long serverSystemNanos, long benchCpuNanos,
                  long machineBusyTicks, long machineTotalTicks, Map<String, Long> serverThreadCpuNanos) {
    }

    private final long serverPid;
    /** Further server-side processes (a cluster's other nodes, nginx, Redis, database backends): CPU only. */
    private final List<Long> alsoPids;
    private final long nanosPerTick;
    private final com.sun.management.OperatingSystemMXBean jvm =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** {@code serverPid} 0 means the server's process is not known (a remote or unnamed one). */
    ProcStats(long serverPid, List<Long> alsoPids, int clockTicksPerSecond) {
        this.serverPid = serverPid;
        this.alsoPids = List.copyOf(alsoPids);
        this.nanosPerTick = 1_000_000_000L / clockTicksPerSecond;
    }

    boolean knowsServer() {
        return serverPid > 0;
    }

    Sample sample() {
        long[] machine = machineTicks();
        long[] server = serverCpuNanos();
        return new Sample(System.nanoTime(), server[0] + server[1], server[1], jvm.getProcessCpuTime(), machine[0],
                machine[1], serverThreadCpuNanos());
    }

    /**
     * The server's CPU between two samples by thread group (thread names without their numbers, e.g.
     * {@code http-nio-127.0.0.1-N-exec-N}), largest first, as % of one core: which part of the server is busy.
     */
    String threadReport(Sample from, Sample to, int limit) {
        double wall = to.wallNanos() - from.wallNanos();
        Map<String, Long> used = new HashMap<>();
        to.serverThreadCpuNanos().forEach((group, nanos) ->
                used.put(group, nanos - from.serverThreadCpuNanos().getOrDefault(group, 0L)));
        return used.entrySet().stream()
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(entry -> String.format("%s %.0f%%", entry.getKey(), 100.0 * entry.getValue() / wall))
                .collect(Collectors.joining(", "));
    }

    /**
     * CPU of the server's JIT compiler threads ({@code C1/C2 CompilerThreadN}) between two samples: on a server
     * still compiling its hot paths this is a large part of the window and varies from run to run, so a figure
     * without it compares runs better.
     */
    long compilerCpuNanos(Sample from, Sample to) {
        return to.serverThreadCpuNanos().entrySet().stream()
                .filter(entry -> entry.getKey().contains("CompilerThre"))
                .mapToLong(entry -> entry.getValue() - from.serverThreadCpuNanos().getOrDefault(entry.getKey(), 0L))
                .sum();
    }

    /** Formats the CPU used between two samples, as % of one core (this machine has several). */
    String cpuReport(Sample from, Sample to) {
        double wall = to.wallNanos() - from.wallNanos();
        int cores = Runtime.getRuntime().availableProcessors();
        String server = knowsServer()
                ? String.format("server %.0f%% (kernel %.0f%%)",
                        100.0 * (to.serverCpuNanos() - from.serverCpuNanos()) / wall,
                        100.0 * (to.serverSystemNanos() - from.serverSystemNanos()) / wall)
                : "server n/a (pid unknown)";
        double bench = 100.0 * (to.benchCpuNanos() - from.benchCpuNanos()) / wall;
        long totalTicks = to.machineTotalTicks() - from.machineTotalTicks();
        double machine = totalTicks == 0 ? 0
                : 100.0 * cores * (to.machineBusyTicks() - from.machineBusyTicks()) / totalTicks;
        double others = machine - bench
                - (knowsServer() ? 100.0 * (to.serverCpuNanos() - from.serverCpuNanos()) / wall : 0);
        return String.format("%s, generator %.0f%%, whole machine %.0f%% of %d00%% (others %.0f%%)"
                + " [%% of one core]", server, bench, machine, cores, Math.max(0, others));
    }

    /** A field of the server's /proc/PID/status in KiB, e.g. VmRSS or VmHWM; -1 when unknown. */
    long serverMemoryKib(String field) {
        if (!knowsServer()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(serverPid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            System.err.println("bench: cannot read /proc/" + serverPid + "/status: " + e);
        }
        return -1;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** User and system CPU time of the server so far, with the other server-side processes'. */
    private long[] serverCpuNanos() {
        if (!knowsServer()) {
            return new long[2];
        }
        long[] sum = processCpuNanos(serverPid);
        for (long pid : alsoPids) {
            long[] more = processCpuNanos(pid);
            sum[0] += more[0];
            sum[1] += more[1];
        }
        return sum;
    }

    private long[] processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which may itself contain spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]) * nanosPerTick, Long.parseLong(fields[12]) * nanosPerTick};
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: cannot read /proc/" + pid + "/stat: " + e);
            return new long[2];
        }
    }

    /** CPU time per thread group; threads that ended meanwhile drop out, which only matters for short-lived ones. */
    private Map<String, Long> serverThreadCpuNanos() {
        Map<String, Long> groups = new HashMap<>();
        if (!knowsServer()) {
            return groups;
        }
        Path taskDir = Path.of("/proc", Long.toString(serverPid), "task");
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDir)) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]+", "N");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long nanos = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * nanosPerTick;
                    groups.merge(name, nanos, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            System.err.println("bench: cannot list the server's threads: " + e);
        }
        return groups;
    }

    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
