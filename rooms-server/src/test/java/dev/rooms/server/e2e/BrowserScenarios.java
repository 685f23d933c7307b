package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.rooms.testing.RequiredServices;

/**
 * Runs a directory of Playwright scenarios ({@code src/test/browser/<dir>}, Node's test runner) in headless
 * Chromium against a server. The scenarios are copied to {@code target/browser-tests}, where {@code npm ci}
 * installs playwright-core from package-lock.json (once per JVM), so nothing generated lands in {@code src}.
 * Without node, npm or chromium the calling test is skipped with the reason (with {@code CI=true} it fails).
 * Screenshots go to {@code target/browser-screenshots}, or to the directory in {@code ROOMS_SCREENSHOTS}.
 */
final class BrowserScenarios {

    private static final Path SOURCES = Path.of("src", "test", "browser").toAbsolutePath();
    private static final Path WORK = Path.of("target", "browser-tests").toAbsolutePath();
    /** Each suite takes under a minute on a quiet machine; this bounds a hung browser. */
    private static final long TIMEOUT_MINUTES = 6;
    private static boolean installed;

    private BrowserScenarios() {
    }

    /** Runs every scenario in {@code dir} against {@code serverUrl} and asserts that they ran and passed. */
    static void run(String dir, String serverUrl) throws IOException, InterruptedException {
        String node = RequiredServices.requireExecutable("node");
        String npm = RequiredServices.requireExecutable("npm");
        String chromium = System.getenv().getOrDefault("CHROMIUM", "");
        if (chromium.isBlank()) {
            chromium = RequiredServices.requireExecutable("chromium");
        }
        Path log = WORK.resolveSibling("browser-tests-" + dir + ".log");
        install(npm, log);

        int exit = run(List.of(node, "--test", "--test-concurrency=1", "--test-reporter=spec", dir + "/"),
                Map.of("ROOMS_URL", serverUrl, "CHROMIUM", chromium, "SCREENSHOTS", screenshots()), log);

        String output = Files.readString(log);
        System.out.println(output);
        assertThat(exit).as("node --test exit code; output in %s", log).isZero();
        assertThat(output).containsPattern("(?m)\\bfail 0$").containsPattern("(?m)\\bpass [1-9]\\d*$");
    }

    private static synchronized void install(String npm, Path log) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Files.deleteIfExists(log);
        copy(SOURCES, WORK);
        if (!installed) {
            assertThat(run(List.of(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), log))
                    .as("npm ci exit code; output in %s", log).isZero();
            installed = true;
        }
    }

    /** The scenarios as they are now (a developer's own node_modules in src is left out). */
    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(path -> !from.relativize(path).toString().startsWith("node_modules"))
                    .filter(Files::isRegularFile)
                    .forEach(path -> {
                        Path target = to.resolve(from.relativize(path).toString());
                        try {
                            Files.createDirectories(target.getParent());
                            Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        }
    }

    private static String screenshots() {
        String configured = System.getenv("ROOMS_SCREENSHOTS");
        Path dir = configured == null || configured.isBlank()
                ? Path.of("target", "browser-screenshots")
                : Path.of(configured);
        return dir.toAbsolutePath().toString();
    }

    /** Runs a command in the scenarios' copy, output appended to {@code log}; its exit code. */
    private static int run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            // Chromium's processes descend from the node process: end them with it.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes; output in " + log);
        }
        return process.exitValue();
    }
}
