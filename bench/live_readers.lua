-- Readers of the live-phase scenario (bench/pages.py): each connection is one participant who
-- opens the question list or a thread page, reads for 1-4 s, and opens the next (revisiting).
-- Paths come as arguments after "--". Anonymous: no cookies.
local paths = {}

function init(args)
  for _, p in ipairs(args) do
    paths[#paths + 1] = p
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  -- Every third request is the question list, the others a thread page.
  if math.random(3) == 1 then
    return wrk.format("GET", paths[1])
  end
  return wrk.format("GET", paths[math.random(2, #paths)])
end

function delay()
  return math.random(1000, 4000)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "LIVE requests=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, e.connect, e.read, e.write, e.status, e.timeout))
  io.write(string.format(
    "LIVE p50_us=%d p95_us=%d p99_us=%d max_us=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
