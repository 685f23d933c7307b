package dev.rooms.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line of {@link Bench}; {@code --name value} or {@code --name=value}. */
record BenchOptions(URI url, long serverPid, List<Long> alsoPids, String scenario, int rooms, int clients, double rate,
                    int durationSeconds, int warmupSeconds, int idle, int idleHoldSeconds, int connectWindow,
                    int drainSeconds, boolean tokenInQuery, int clockTicks, int handshakes, int handshakeWarmups,
                    Path profileDirectory, Path profilerLibrary) {

    static final String USAGE = """
            usage: Bench --url http://127.0.0.1:PORT [options]
              --scenario throughput|idle|handshakes|all   what to run (all)
              --rooms R            rooms (100)
              --clients C          WebSocket clients per room, each also a receiver (10)
              --rate M             chat messages per second sent by each client (5)
              --duration S         measured seconds (30)
              --warmup S           seconds of the same load before measuring (20)
              --idle N             idle connections for the memory scenario (10000)
              --idle-hold S        seconds to hold the idle connections before the last RSS reading (10)
              --connect-window W   handshakes in flight at once (200)
              --drain S            seconds to wait for the last deliveries after sending stops (60)
              --token-in header|query   how the WebSocket handshake carries the token (header)
              --server-pid PID     the server's process, for its CPU time and resident memory (0 = unknown)
              --also-pids P,P,...  more server-side processes whose CPU counts as the server's (the other nodes
                                   of a cluster, nginx, Redis, PostgreSQL backends)
              --clock-ticks T      Linux USER_HZ, from getconf CLK_TCK (100)
              --handshakes N       WebSocket upgrades started at once in the handshakes scenario (1000)
              --handshake-warmups K   bursts of N handshakes before the two measured ones, not reported, so that
                                   the server's code is compiled as a running server's is (0: the first
                                   measured burst meets a fresh server)
              --profile DIR        profile the server's JVMs (--server-pid, and the Java ones of --also-pids) with
                                   async-profiler over each measured window: flame graphs and collapsed stacks in DIR
              --profiler-lib PATH  async-profiler's libasyncProfiler.so (scripts/bench finds it)
            """;

    private static final Set<String> NAMES = Set.of("url", "server-pid", "also-pids", "scenario", "rooms", "clients", "rate",
            "duration", "warmup", "idle", "idle-hold", "connect-window", "drain", "token-in", "clock-ticks", "handshakes",
            "handshake-warmups", "profile", "profiler-lib");

    static BenchOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            values.put(name, value);
        }
        if (!values.containsKey("url")) {
            throw new IllegalArgumentException("--url is required");
        }
        String url = values.get("url");
        BenchOptions options = new BenchOptions(
                URI.create(url.endsWith("/") ? url : url + "/"),
                number(values, "server-pid", 0),
                pids(values.getOrDefault("also-pids", "")),
                values.getOrDefault("scenario", "all"),
                (int) number(values, "rooms", 100),
                (int) number(values, "clients", 10),
                Double.parseDouble(values.getOrDefault("rate", "5")),
                (int) number(values, "duration", 30),
                (int) number(values, "warmup", 20),
                (int) number(values, "idle", 10_000),
                (int) number(values, "idle-hold", 10),
                (int) number(values, "connect-window", 200),
                (int) number(values, "drain", 60),
                switch (values.getOrDefault("token-in", "header")) {
                    case "header" -> false;
                    case "query" -> true;
                    default -> throw new IllegalArgumentException("--token-in is header or query");
                },
                (int) number(values, "clock-ticks", 100),
                (int) number(values, "handshakes", 1000),
                (int) number(values, "handshake-warmups", 0),
                values.containsKey("profile") ? Path.of(values.get("profile")) : null,
                values.containsKey("profiler-lib") ? Path.of(values.get("profiler-lib")) : null);
        options.check();
        return options;
    }

    boolean runs(String name) {
        return scenario.equals("all") || scenario.equals(name);
    }

    private void check() {
        if (!Set.of("throughput", "idle", "handshakes", "all").contains(scenario)) {
            throw new IllegalArgumentException("--scenario is throughput, idle, handshakes or all");
        }
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url must be http://HOST:PORT");
        }
        if (!Set.of("127.0.0.1", "localhost", "::1", "[::1]").contains(url.getHost())) {
            throw new IllegalArgumentException("the benchmark drives loopback servers only, not " + url.getHost());
        }
        if (rooms < 1 || clients < 1 || rate <= 0 || durationSeconds < 1 || warmupSeconds < 0 || idle < 0
                || idleHoldSeconds < 0 || connectWindow < 1 || drainSeconds < 1 || clockTicks < 1 || handshakes < 1
                || handshakeWarmups < 0) {
            throw new IllegalArgumentException("rooms, clients, rate, duration, connect-window, drain, handshakes must"
                    + " be positive; warmup, idle, idle-hold, handshake-warmups not negative");
        }
        if ((long) rooms * clients > 60_000 || idle > 60_000 || handshakes > 10_000 || handshakeWarmups > 1000
                || durationSeconds + warmupSeconds > 3600) {
            throw new IllegalArgumentException("bounded on purpose: at most 60,000 connections, 10,000 handshakes at once"
                    + " and one hour");
        }
        if (profileDirectory != null && (profilerLibrary == null || !Files.isRegularFile(profilerLibrary))) {
            throw new IllegalArgumentException("--profile needs --profiler-lib, async-profiler's library");
        }
    }

    private static List<Long> pids(String list) {
        try {
            return Arrays.stream(list.split(",")).map(String::strip).filter(pid -> !pid.isEmpty()).map(Long::parseLong).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--also-pids is a comma-separated list of process ids, not " + list);
        }
    }

    private static long number(Map<String, String> values, String name, long fallback) {
        String value = values.get(name);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, not " + value);
        }
    }
}
