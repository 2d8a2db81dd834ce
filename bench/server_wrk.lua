-- wrk script of the server benchmark: cycles through a list of request paths (one a line; the
-- file and wrk's thread count follow `--`), each thread starting at its own offset so the
-- threads do not ask for the same tile at once, and prints one JSON line with tiles/s, latency
-- percentiles and errors. Usage: wrk -t T -c C -d 20s -s server_wrk.lua URL -- PATHS.txt T
local threads = {}

function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        paths[#paths + 1] = line
    end
    if #paths == 0 then
        error("server_wrk.lua: no request paths in " .. args[1])
    end
    next_path = math.floor(id * #paths / tonumber(args[2] or 1))
    busy = 0
end

function request()
    next_path = next_path % #paths + 1
    return wrk.format("GET", paths[next_path])
end

-- 503 answers (a server shedding load) are counted apart from the other non-2xx answers.
function response(status, headers, body)
    if status == 503 then
        busy = busy + 1
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    local busy_total = 0
    for _, thread in ipairs(threads) do
        busy_total = busy_total + thread:get("busy")
    end
    local seconds = summary.duration / 1e6
    io.write(string.format('{"requests": %d, "seconds": %.3f, "tiles_per_s": %.3f, "p50_ms": %.2f, '
        .. '"p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "connect_errors": %d, "read_errors": %d, '
        .. '"write_errors": %d, "non_2xx": %d, "status_503": %d, "timeouts": %d}\n',
        summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1e3,
        latency:percentile(95) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3, e.connect, e.read,
        e.write, e.status, busy_total, e.timeout))
end
