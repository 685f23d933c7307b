package dev.rooms.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * async-profiler (its library from Maven Central, {@code tools.profiler:async-profiler}) attached with {@code jcmd}
 * to the server's JVMs over exactly a scenario's measured window ({@code --profile DIR}): CPU samples of Java, JVM
 * (JIT, GC) and kernel frames alike, so a report's "server CPU per delivery" can be taken apart down to the system
 * calls. JFR's sampler sees Java frames only, which hid the kernel's half of the cost. Each window leaves a flame
 * graph ({@code LABEL-PID.html}) and the collapsed stacks ({@code LABEL-PID.collapsed}, one line per stack with its
 * sample count) in {@code DIR}; the report lists the frames that used the most CPU themselves.
 */
final class Profiler {

    private static final int TOP_FRAMES = 12;

    private final Path library;
    private final Path directory;
    private final List<Long> jvms;
    private final PrintStream out;

    private Profiler(Path library, Path directory, List<Long> jvms, PrintStream out) {
        this.library = library;
        this.directory = directory;
        this.jvms = jvms;
        this.out = out;
    }

    /** A profiler of the run's JVMs (the server and, of {@code --also-pids}, those that are Java), or none. */
    static Profiler of(BenchOptions options, PrintStream out) {
        if (options.profileDirectory() == null) {
            return null;
        }
        List<Long> jvms = new ArrayList<>();
        Stream.concat(Stream.of(options.serverPid()), options.alsoPids().stream())
                .filter(pid -> pid > 0 && isJava(pid)).forEach(jvms::add);
        if (jvms.isEmpty()) {
            throw new IllegalArgumentException("--profile needs --server-pid (or --also-pids) of a running JVM");
        }
        try {
            Files.createDirectories(options.profileDirectory());
        } catch (IOException e) {
            throw new IllegalArgumentException("--profile: cannot create " + options.profileDirectory() + ": " + e);
        }
        return new Profiler(options.profilerLibrary(), options.profileDirectory(), jvms, out);
    }

    /** Starts sampling every JVM's CPU, once per millisecond of CPU time. */
    void start() {
        for (long pid : jvms) {
            command(pid, "start,event=cpu,interval=1ms");
        }
    }

    /** Stops sampling and writes what each JVM did since {@link #start()}, named by {@code label}. */
    void stop(String label) {
        for (long pid : jvms) {
            Path stacks = directory.resolve(label + "-" + pid + ".collapsed");
            Path flameGraph = directory.resolve(label + "-" + pid + ".html");
            if (command(pid, "stop,file=" + stacks.toAbsolutePath()) && command(pid, "dump,file=" + flameGraph.toAbsolutePath())) {
                out.printf("profile      pid %d: %s (flame graph), %s%n", pid, flameGraph, stacks.getFileName());
                printTopFrames(stacks);
            }
        }
    }

    private boolean command(long pid, String arguments) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        // jcmd splits its arguments at '=': the agent's options go quoted, as one.
        ProcessBuilder builder = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "JVMTI.agent_load",
                library.toAbsolutePath().toString(), '"' + arguments + '"').redirectErrorStream(true);
        try {
            Process process = builder.start();
            String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || !answer.contains("return code: 0")) {
                out.printf("profile      pid %d: async-profiler refused '%s': %s%n", pid, arguments, answer.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            out.printf("profile      pid %d: cannot run %s: %s%n", pid, jcmd, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The frames with the most samples of their own ({@code _[k]} marks the kernel's). */
    private void printTopFrames(Path stacks) {
        Map<String, Long> own = new HashMap<>();
        long total = 0;
        try (Stream<String> lines = Files.lines(stacks)) {
            for (String line : (Iterable<String>) lines::iterator) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                long samples = Long.parseLong(line.substring(space + 1));
                total += samples;
                own.merge(line.substring(line.lastIndexOf(';', space) + 1, space), samples, Long::sum);
            }
        } catch (IOException | NumberFormatException e) {
            out.printf("             (cannot read %s: %s)%n", stacks, e);
            return;
        }
        long all = Math.max(1, total);
        out.printf("             %,d samples; the frames with the most of their own:%n", total);
        own.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP_FRAMES)
                .forEach(frame -> out.printf("             %5.1f%%  %s%n", 100.0 * frame.getValue() / all, frame.getKey()));
    }

    private static boolean isJava(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "exe")).getFileName().toString().equals("java");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
