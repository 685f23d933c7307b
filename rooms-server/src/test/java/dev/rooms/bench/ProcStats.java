package dev.rooms.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and memory figures from Linux's /proc for the server (by pid), for this generator (from the JVM) and
 * for the whole machine, so a report shows who used the cores during a run.
 */
final class ProcStats {

    /** A point in time; differences of two samples give CPU shares. */
    record Sample(long wallNanos, long serverCpuNanos, long benchCpuNanos, long machineBusyTicks,
                  long machineTotalTicks) {
    }

    private final long serverPid;
    private final long nanosPerTick;
    private final com.sun.management.OperatingSystemMXBean jvm =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** {@code serverPid} 0 means the server's process is not known (a remote or unnamed one). */
    ProcStats(long serverPid, int clockTicksPerSecond) {
        this.serverPid = serverPid;
        this.nanosPerTick = 1_000_000_000L / clockTicksPerSecond;
    }

    boolean knowsServer() {
        return serverPid > 0;
    }

    Sample sample() {
        long[] machine = machineTicks();
        return new Sample(System.nanoTime(), serverCpuNanos(), jvm.getProcessCpuTime(), machine[0], machine[1]);
    }

    /** Formats the CPU used between two samples, as % of one core (this machine has several). */
    String cpuReport(Sample from, Sample to) {
        double wall = to.wallNanos() - from.wallNanos();
        int cores = Runtime.getRuntime().availableProcessors();
        String server = knowsServer()
                ? String.format("server %.0f%%", 100.0 * (to.serverCpuNanos() - from.serverCpuNanos()) / wall)
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

    private long serverCpuNanos() {
        if (!knowsServer()) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(serverPid), "stat"));
            // Fields after the command name, which may itself contain spaces and parentheses.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * nanosPerTick;
        } catch (IOException | RuntimeException e) {
            System.err.println("bench: cannot read /proc/" + serverPid + "/stat: " + e);
            return 0;
        }
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
