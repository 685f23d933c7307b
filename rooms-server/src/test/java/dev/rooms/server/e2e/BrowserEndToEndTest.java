package dev.rooms.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.rooms.server.live.RequiredServices;
import org.junit.jupiter.api.Test;

/**
 * The browser client (served by this server at {@code /}) in real Chromium: runs the Playwright scenarios in
 * {@code src/test/browser} with Node against the server on a random port, after {@code npm ci} installs
 * playwright-core from package-lock.json. Without node, npm or chromium the test is skipped with the reason
 * (with {@code CI=true} it fails). Screenshots go to {@code target/browser-screenshots}, or to the directory in
 * {@code ROOMS_SCREENSHOTS} (the README's are made with {@code ROOMS_SCREENSHOTS=docs/screenshots}).
 */
class BrowserEndToEndTest extends EndToEndTest {

    private static final Path SCENARIOS = Path.of("src", "test", "browser").toAbsolutePath();
    /** The whole suite takes about 40 s on a quiet machine; this bounds a hung browser. */
    private static final long TIMEOUT_MINUTES = 6;

    @Test
    void browserClientScenariosPassInChromium() throws Exception {
        String node = RequiredServices.requireExecutable("node");
        String npm = RequiredServices.requireExecutable("npm");
        String chromium = System.getenv().getOrDefault("CHROMIUM", "");
        if (chromium.isBlank()) {
            chromium = RequiredServices.requireExecutable("chromium");
        }
        Path log = Path.of("target", "browser-tests.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);

        assertThat(run(List.of(npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), log))
                .as("npm ci exit code; output in %s", log).isZero();
        int exit = run(List.of(node, "--test", "--test-concurrency=1", "--test-reporter=spec", "scenarios/"),
                Map.of("ROOMS_URL", serverUrl(), "CHROMIUM", chromium, "SCREENSHOTS", screenshots()), log);

        String output = Files.readString(log);
        System.out.println(output);
        assertThat(exit).as("node --test exit code; output in %s", log).isZero();
        assertThat(output).containsPattern("(?m)\\bfail 0$").containsPattern("(?m)\\bpass [1-9]\\d*$");
    }

    private static String screenshots() {
        String configured = System.getenv("ROOMS_SCREENSHOTS");
        Path dir = configured == null || configured.isBlank()
                ? Path.of("target", "browser-screenshots")
                : Path.of(configured);
        return dir.toAbsolutePath().toString();
    }

    /** Runs a command in the scenarios' directory, output appended to {@code log}; its exit code. */
    private static int run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(SCENARIOS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            // Chromium's processes are the node process's descendants: end them with it.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_MINUTES
                    + " minutes; output in " + log);
        }
        return process.exitValue();
    }
}
