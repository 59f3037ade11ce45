-- wrk script of bench/run: rotates the request path over many stops.
--
--   wrk -t2 -c64 -d15s --latency -s bench/wrk/stops.lua http://127.0.0.1:PORT -- MODE FILE
--
-- MODE
--   live  GET /health/live (the baseline; FILE is ignored)
--   json  GET /api/v1/stops/{id}/arrivals
--   txt   GET /api/v1/stops/{id}/arrivals.txt?cols=20&rows=4
--   etag  GET /api/v1/stops/{id}/arrivals with If-None-Match: {etag}; counts 200 / 304 / other
--   path  GET FILE, taken as a literal path (e.g. /api/v1/parking)
-- FILE has one stop per line: "stopId<whitespace>rest"; in etag mode rest is the ETag.
--
-- Each thread starts at a different place in the list and goes round-robin from there.
-- At the end it prints one machine-readable line starting with "VECINO_WRK".

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

paths = {}
tags = {}
n = 0
i = 0
mode = "live"
c200 = 0
c304 = 0
cother = 0

local function count(status, headers, body)
  if status == 200 then
    c200 = c200 + 1
  elseif status == 304 then
    c304 = c304 + 1
  else
    cother = cother + 1
  end
end

function init(args)
  mode = args[1] or "live"
  if mode == "live" then
    paths[1] = "/health/live"
    tags[1] = ""
    n = 1
  elseif mode == "path" then
    paths[1] = args[2]
    tags[1] = ""
    n = 1
  else
    for line in io.lines(args[2]) do
      local id, rest = line:match("^(%S+)%s*(.-)%s*$")
      if id then
        n = n + 1
        if mode == "txt" then
          paths[n] = "/api/v1/stops/" .. id .. "/arrivals.txt?cols=20&rows=4"
        else
          paths[n] = "/api/v1/stops/" .. id .. "/arrivals"
        end
        tags[n] = rest
      end
    end
    if n == 0 then
      error("no stops in " .. tostring(args[2]))
    end
  end
  -- wrk parses headers and bodies for Lua only when a global response() exists: only the etag
  -- mode pays for that, so the other modes measure the server alone.
  if mode == "etag" then
    response = count
  end
  -- Spread the threads' starting points over the list (golden ratio steps).
  local k = (thread_number or 1) - 1
  i = math.floor(((k * 0.6180339887) % 1) * n)
end

function request()
  i = i % n + 1
  if mode == "etag" then
    return wrk.format("GET", paths[i], { ["If-None-Match"] = tags[i] })
  end
  return wrk.format("GET", paths[i])
end

function done(summary, latency, requests)
  local s200, s304, sother = 0, 0, 0
  for _, t in ipairs(threads) do
    s200 = s200 + t:get("c200")
    s304 = s304 + t:get("c304")
    sother = sother + t:get("cother")
  end
  local e = summary.errors
  io.write(string.format(
    "VECINO_WRK requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d max_us=%d"
      .. " errors=%d non2xx3xx=%d c200=%d c304=%d cother=%d\n",
    summary.requests, summary.duration, summary.requests / summary.duration * 1e6,
    latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status, s200, s304, sother))
end
