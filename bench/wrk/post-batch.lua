-- wrk script: POSTs the network mapper's full batch of 100 events (the body file given as the first
-- script argument) as the Go components do. Usage:
--   wrk -t2 -c64 -d20s --latency -s bench/wrk/post-batch.lua http://127.0.0.1:18090/telemetry/query \
--       -- bench/src/main/resources/dev/pulse/bench/mapper-full-batch.json
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function init(args)
  local file = assert(io.open(args[1], "rb"))
  wrk.body = file:read("*a")
  file:close()
end

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("HTTP " .. status .. ": " .. body .. "\n")
  end
end
