-- wrk script of the portal's benchmark: sends the session cookie from $BENCH_COOKIE, counts
-- non-200 answers, prints one line "BENCHJSON {...}" with req/s and latency percentiles in ms.
local cookie = os.getenv("BENCH_COOKIE")
if cookie ~= nil and cookie ~= "" then wrk.headers["Cookie"] = cookie end

local all = {}
function setup(thread) all[#all + 1] = thread end
function init(args) good, other = 0, 0 end
function response(status) if status == 200 then good = good + 1 else other = other + 1 end end

function done(s, lat, req)
  local g, o = 0, 0
  for _, t in ipairs(all) do g = g + t:get("good"); o = o + t:get("other") end
  local sec = s.duration / 1e6
  print(string.format('BENCHJSON {"requests": %d, "rps": %.2f, "non_200": %d, "errors": %d, '
    .. '"p50": %.2f, "p95": %.2f, "p99": %.2f}', s.requests, s.requests / sec, o,
    s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout,
    lat:percentile(50) / 1000, lat:percentile(95) / 1000, lat:percentile(99) / 1000))
end
