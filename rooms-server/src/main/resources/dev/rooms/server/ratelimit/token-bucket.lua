-- One limit's token bucket in one round trip (RedisBucketStore): takes tokens from every band, or gives them
-- back to every band, and answers what the callers need for their verdicts.
--
-- KEYS[1]  the bucket's key
-- ARGV[1]  'consume' or 'refund'
-- ARGV[2]  how many tokens: n requests, each wanting one, served in order while every band has one left
-- ARGV[2k+1], ARGV[2k+2]  band k's capacity (tokens) and period (microseconds): greedy refill, as Rate says
--
-- Returns {requests that got their token (refund: n), whole tokens left in the emptiest band afterwards,
--          microseconds until every band has a token again (0 unless a request was refused),
--          microseconds until every band is full}.
--
-- A band's level is kept in token-microseconds (tokens x period), so that refill and consumption stay integer
-- arithmetic on Lua's doubles: a microsecond adds `capacity`, a token costs `period`, a full band holds
-- capacity x period. The clock is Redis's own, so processes whose clocks differ still agree on the refill.
-- The value is "<time of last write> <level of band 1> <level of band 2> ..."; a key that is absent, or does
-- not parse, is a full bucket, and a bucket that is full again is deleted rather than kept.

redis.replicate_commands()

local key = KEYS[1]
local refund = ARGV[1] == 'refund'
local wanted = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])

local stored = {}
local value = redis.call('GET', key)
if value and string.match(value, '^[%d ]+$') then
  for field in string.gmatch(value, '%S+') do
    stored[#stored + 1] = tonumber(field)
  end
end
local elapsed = 0
if stored[1] then
  elapsed = math.max(0, now - stored[1])
end

local bands = (#ARGV - 2) / 2
local capacities, periods, levels = {}, {}, {}
local taken = wanted
for k = 1, bands do
  local capacity = tonumber(ARGV[2 * k + 1])
  local period = tonumber(ARGV[2 * k + 2])
  local full = capacity * period
  local level = stored[k + 1]
  if level == nil then
    level = full
  else
    -- After one period any band is full, so longer pauses need not be multiplied out.
    level = math.min(full, level + math.min(elapsed, period) * capacity)
  end
  capacities[k], periods[k], levels[k] = capacity, period, level
  taken = math.min(taken, math.floor(level / period))
end

local remaining, wait, reset = nil, 0, 0
local fields = { string.format('%.0f', now) }
for k = 1, bands do
  local capacity, period = capacities[k], periods[k]
  local full = capacity * period
  local level = levels[k]
  if refund then
    level = math.min(full, level + wanted * period)
  else
    level = level - taken * period
    if taken < wanted and level < period then
      wait = math.max(wait, math.ceil((period - level) / capacity))
    end
  end
  local tokens = math.floor(level / period)
  if remaining == nil or tokens < remaining then
    remaining = tokens
  end
  reset = math.max(reset, math.ceil((full - level) / capacity))
  fields[k + 1] = string.format('%.0f', level)
end

if reset == 0 then
  redis.call('DEL', key)
else
  redis.call('SET', key, table.concat(fields, ' '), 'PX', math.ceil(reset / 1000))
end
if refund then
  taken = wanted
end
return { taken, remaining, wait, reset }
