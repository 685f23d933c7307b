package dev.rooms.bench;

import java.io.PrintStream;
import java.net.InetSocketAddress;

/**
 * What every scenario of a run shares, built once by {@link Bench}: the options, the server's REST calls and
 * address, the CPU and memory readings, where the report goes, the run's id (in every account's and room's
 * name, so runs against one server do not collide) and, with {@code --profile}, the profiler.
 */
record ScenarioContext(BenchOptions options, RoomsApi api, ProcStats stats, PrintStream out, String runId,
                       InetSocketAddress server, Profiler profiler) {

    static ScenarioContext of(BenchOptions options, PrintStream out, String runId) {
        return new ScenarioContext(options, new RoomsApi(options.url()),
                new ProcStats(options.serverPid(), options.alsoPids(), options.clockTicks()), out, runId,
                new InetSocketAddress(options.url().getHost(), options.url().getPort()), Profiler.of(options, out));
    }

    /**
     * Starts the profiler, if {@code --profile} asked for it, ahead of a measured window: attaching takes a moment,
     * which must not delay the window's first CPU reading (the window's deliveries are counted by the clock).
     */
    void startProfile() {
        if (profiler != null) {
            profiler.start();
        }
    }

    /** Stops the profiler after a measured window; its profile is named {@code label}. */
    void stopProfile(String label) {
        if (profiler != null) {
            profiler.stop(label);
        }
    }

    /** Registers this run's account {@code name} and logs it in; returns its access token. */
    String login(String name, String displayName) {
        String email = "bench-" + runId + "-" + name + "@bench.example";
        String password = "Bench-" + runId + "-pw";
        api.register(email, displayName, password);
        return api.login(email, password);
    }

    /** Starts {@code socket}'s handshake into the room, the token in the header or, with {@code --token-in query}, the URL. */
    void connect(BenchSocket socket, long roomId, String token) {
        String path = "/ws/chat/" + roomId + "/";
        if (options.tokenInQuery()) {
            socket.connect(server, path + "?token=" + token, null);
        } else {
            socket.connect(server, path, token);
        }
    }
}
