-- Used by scripts/bench-find: every request is BENCH_PATH, plus "&<BENCH_CURSOR>=<random id in BENCH_MIN_ID..BENCH_MAX_ID>"
-- when BENCH_CURSOR is set, so that pages come from all over the history instead of one cached spot.
local path, cursor = os.getenv("BENCH_PATH"), os.getenv("BENCH_CURSOR")
local low, high = tonumber(os.getenv("BENCH_MIN_ID") or "0"), tonumber(os.getenv("BENCH_MAX_ID") or "0")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  local target = path
  if cursor and cursor ~= "" then
    target = target .. "&" .. cursor .. "=" .. math.random(low, high)
  end
  return wrk.format("GET", target)
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("bench-find: HTTP " .. status .. " " .. body .. "\n")
  end
end
