-- wrk script for Graft's benchmarks: POSTs the JSON in the file $BODY with the API key $KEY, and prints
-- one machine-readable line: RESULT <requests/s> <p50 ms> <p99 ms> <errors>.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
wrk.body = io.open(os.getenv("BODY")):read("*a")
-- $DELAY_MS paces the load: each connection waits that long after every answer, for a rate below the maximum
-- (an empty value means no pause: wrk then skips its delay path altogether, as for an unpaced run)
local pause = tonumber(os.getenv("DELAY_MS") or "")
if pause then
  delay = function() return pause end
end
done = function(s, latency, requests)
  io.write(string.format("RESULT %.1f %.3f %.3f %d\n", s.requests / (s.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout + s.errors.status))
end
