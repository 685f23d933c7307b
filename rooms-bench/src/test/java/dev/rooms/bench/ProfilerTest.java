package dev.rooms.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --profile}: async-profiler attached to another JVM for a window, as to a server under load. */
class ProfilerTest {

    @TempDir
    Path directory;

    @Test
    void profilesAnotherJvmOverTheWindowAndNamesWhereItsCpuWent() throws Exception {
        Path library = library();
        Process busy = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Busy.class.getName()).start();
        try {
            // jcmd may only attach once the JVM is up (before that its signal would end the process).
            BufferedReader output = new BufferedReader(new InputStreamReader(busy.getInputStream(), StandardCharsets.UTF_8));
            assertThat(output.readLine()).isEqualTo("ready");
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            Profiler profiler = Profiler.of(BenchOptions.parse("--url", "http://127.0.0.1:8000",
                    "--server-pid", String.valueOf(busy.pid()), "--profile", directory.toString(),
                    "--profiler-lib", library.toString()), new PrintStream(report, true, StandardCharsets.UTF_8));

            profiler.start();
            Thread.sleep(1000); // the window: the other JVM spins through it
            profiler.stop("window");

            Path stacks = directory.resolve("window-" + busy.pid() + ".collapsed");
            assertThat(stacks).exists();
            assertThat(Files.readString(stacks)).contains("ProfilerTest$Busy.burn");
            assertThat(directory.resolve("window-" + busy.pid() + ".html")).isNotEmptyFile();
            assertThat(report.toString(StandardCharsets.UTF_8))
                    .contains("profile      pid " + busy.pid())
                    .contains("the frames with the most of their own")
                    .contains("ProfilerTest$Busy.burn");
        } finally {
            busy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The library of this machine out of async-profiler's jar on the class path, as scripts/bench extracts it. */
    private Path library() throws IOException {
        String platform = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64" -> "linux-arm64";
            default -> null;
        };
        assumeThat(System.getProperty("os.name").equals("Linux") && platform != null)
                .as("async-profiler has libraries for Linux on x86-64 and ARM64 only, not %s on %s",
                        System.getProperty("os.name"), System.getProperty("os.arch"))
                .isTrue();
        Path library = directory.resolve("libasyncProfiler.so");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(platform + "/libasyncProfiler.so")) {
            assertThat(in).as("async-profiler's jar on the class path").isNotNull();
            Files.copy(in, library);
        }
        return library;
    }

    /** A JVM that keeps one core busy in a method the profile must name. */
    static final class Busy {

        public static void main(String[] args) {
            System.out.println("ready");
            long sum = 0;
            while (true) {
                sum = burn(sum);
                if (sum == 42) {
                    System.out.println(sum);
                }
            }
        }

        static long burn(long seed) {
            long value = seed;
            for (int i = 0; i < 10_000_000; i++) {
                value = value * 31 + i;
            }
            return value;
        }
    }
}
