-- Used by scripts/bench --scenario rest: every request is GET BENCH_PATH with the bench user's access token;
-- at the end one line with the figures scripts/bench prints (latencies in ms) and the count of non-200 answers.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Accept"] = "application/json"
wrk.path = os.getenv("BENCH_PATH")

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format("figures %.0f %.2f %.2f %.2f %.2f %d %d %d\n",
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout, summary.requests))
end
