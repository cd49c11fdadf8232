-- wrk script: POST the GraphQL request body found in the file named by BENCH_BODY
local file = assert(io.open(os.getenv("BENCH_BODY"), "r"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
-- a client's key: every request is reserved against and charged to its budget, as in production
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")

local errors = 0
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("BENCH requests=%d p50_ms=%.2f p99_ms=%.2f rps=%.1f graphql_errors=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1000000), errors))
end
