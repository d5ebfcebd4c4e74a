-- wrk script for every HTTP scenario of bench/run.sh, bench/ab.sh and bench/peers/run.sh. Settings come from the
-- environment:
--   BENCH_SCENARIO   bare | liveness | get | get-hot | cond | eff | eff-hot | cond-eff | put | cred | scc | scc-peer
--   BENCH_DATA       folder written by seed/seed.mjs (tokens.tsv, documents.tsv, credentials.tsv)
--   BENCH_RATE       optional: total requests/s to pace at (fixed-rate run for tail latency), else closed loop
--   BENCH_THREADS    wrk's -t (the pacing splits the rate over the threads)
--   BENCH_OUT        file to append one JSON line of results to
--   BENCH_LABEL      name of the run in that line
--   BENCH_ENV        environment read by the read scenarios (production); put writes to development
--   BENCH_BASIC      scc-peer only: the Authorization header's value (Basic ...)
--
-- Requests pick a random service (or credential) each time and use that service's own token, as a real client
-- would; the -hot scenarios send every request with the first service's token for its one configuration (many
-- instances of one service sharing a token). get/cond read the service's own document
-- (GET /api/v1/configurations/{id}?environment=...), eff/cond-eff the effective one
-- (GET /api/v1/configurations/{id}/environments/{env}). "cond" sends If-None-Match: "1" and "cond-eff"
-- If-None-Match: "r1" (every production configuration is at version 1 and effective revision 1 after seeding, and
-- put writes to development only), so each answer is a 304 without a body. "bare" sends the requests of "get" to
-- the bare baseline process (bench/bare), "liveness" GET /actuator/health/liveness to the service. "scc" reads the
-- service's Spring Cloud Config Server protocol (GET /config-server/{id}/{env}, the service's token), "scc-peer" the
-- same from a stock Spring Cloud Config Server (GET /{id}/{env}, HTTP Basic); both with Accept: application/json.
--
-- Every answer's status is counted (wrk's own error count misses 1xx and 3xx): the result line carries the count
-- per status, the non-2xx count and the count of unexpected answers (anything but 304 for cond/cond-eff, anything
-- but 2xx otherwise) with the first one's status and body, which makes bench/run.sh fail.
--
-- Pacing (BENCH_RATE): wrk calls delay() before each request; every thread hands out send slots 1/rate apart from
-- a monotonic clock (LuaJIT FFI clock_gettime) and sends late slots at once. wrk measures latency from the moment
-- a request is written, so, unlike wrk2, time a request spent waiting for a free connection is NOT counted
-- (coordinated omission is not corrected). Pick enough connections (-c) that none is ever short.

local scenario = os.getenv("BENCH_SCENARIO") or "get"
local data = os.getenv("BENCH_DATA") or "."
local rate = tonumber(os.getenv("BENCH_RATE") or "")
local environment = os.getenv("BENCH_ENV") or "production"

local conditional = scenario == "cond" or scenario == "cond-eff"
local hot = scenario == "get-hot" or scenario == "eff-hot"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local function read_tsv(name)
  local rows = {}
  local f = io.open(data .. "/" .. name, "r")
  if not f then
    return rows
  end
  for line in f:lines() do
    local cols = {}
    for col in (line .. "\t"):gmatch("([^\t]*)\t") do
      table.insert(cols, col)
    end
    if #cols >= 2 then
      table.insert(rows, cols)
    end
  end
  f:close()
  return rows
end

local ffi = require("ffi")
pcall(ffi.cdef, [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]])
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local prepared = {}   -- ready-made requests (get, cond, cred, bare)
local put_parts = {}  -- per service: path, token, document split around the revision
local counter = 0
local run_tag = tostring(os.time())
local interval_ms = nil
local next_slot = nil

function init(args)
  local tid = tid or 1
  math.randomseed(os.time() * 1000 + tid * 7919)
  for _ = 1, 10 do math.random() end
  run_tag = tostring(os.time()) .. "-" .. tid

  if rate and rate > 0 then
    -- each thread paces its share of the rate; BENCH_THREADS must equal wrk's -t
    interval_ms = 1000.0 * (tonumber(os.getenv("BENCH_THREADS") or "1")) / rate
  end

  if scenario == "liveness" then
    table.insert(prepared, wrk.format("GET", "/actuator/health/liveness"))
  elseif scenario ~= "cred" and scenario ~= "put" then
    local rows = read_tsv("tokens.tsv")
    if hot then
      rows = { rows[1] }
    end
    local effective = scenario == "eff" or scenario == "eff-hot" or scenario == "cond-eff"
    for _, row in ipairs(rows) do
      local headers = { ["X-Service-Token"] = row[2] }
      if scenario == "cond" then
        headers["If-None-Match"] = '"1"'
      elseif scenario == "cond-eff" then
        headers["If-None-Match"] = '"r1"'
      end
      local path = effective and ("/api/v1/configurations/" .. row[1] .. "/environments/" .. environment)
        or ("/api/v1/configurations/" .. row[1] .. "?environment=" .. environment)
      if scenario == "scc" then
        headers["Accept"] = "application/json"
        path = "/config-server/" .. row[1] .. "/" .. environment
      elseif scenario == "scc-peer" then
        headers = { ["Accept"] = "application/json", ["Authorization"] = os.getenv("BENCH_BASIC") }
        path = "/" .. row[1] .. "/" .. environment
      end
      table.insert(prepared, wrk.format("GET", path, headers))
    end
  elseif scenario == "cred" then
    for _, row in ipairs(read_tsv("credentials.tsv")) do
      table.insert(prepared, wrk.format("GET", "/api/v1/credentials/" .. row[1], { ["X-Service-Token"] = row[3] }))
    end
  elseif scenario == "put" then
    local tokens = {}
    for _, row in ipairs(read_tsv("tokens.tsv")) do
      tokens[row[1]] = row[2]
    end
    for _, row in ipairs(read_tsv("documents.tsv")) do
      local s, e = row[2]:find('"revision":"r0"', 1, true)
      if s and tokens[row[1]] then
        table.insert(put_parts, {
          path = "/api/v1/configurations/" .. row[1] .. "?environment=development",
          headers = { ["X-Service-Token"] = tokens[row[1]], ["Content-Type"] = "application/json" },
          head = '{"changeReason":"benchmark","configuration":' .. row[2]:sub(1, s - 1) .. '"revision":"',
          tail = '"' .. row[2]:sub(e + 1) .. '}',
        })
      end
    end
  end
  if #prepared == 0 and #put_parts == 0 then
    error("scenario " .. scenario .. ": no data under " .. data)
  end
end

-- Only defined when pacing: wrk skips the delay machinery otherwise.
if rate and rate > 0 then
  function delay()
    local now = now_ms()
    if not next_slot then
      next_slot = now
    end
    local slot = next_slot
    next_slot = next_slot + (interval_ms or 0)
    local wait = slot - now
    if wait <= 0 then
      return 0
    end
    return math.floor(wait + 0.5)
  end
end

function request()
  if scenario == "put" then
    counter = counter + 1
    local p = put_parts[math.random(#put_parts)]
    return wrk.format("PUT", p.path, p.headers, p.head .. run_tag .. "-" .. counter .. p.tail)
  end
  return prepared[math.random(#prepared)]
end

-- per thread: answers by status, and the first unexpected answer
statuses = {}
unexpected = nil

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if not unexpected and (conditional and status ~= 304 or not conditional and (status < 200 or status > 299)) then
    unexpected = status .. " " .. (body or ""):sub(1, 300)
  end
end

local function json_string(text)
  local escaped = text:gsub('[%c"\\]', function(c)
    return (c == '"' or c == "\\") and "\\" .. c or string.format("\\u%04x", c:byte())
  end)
  return '"' .. escaped .. '"'
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local counts, non_2xx, wrong, first = {}, 0, 0, nil
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      counts[status] = (counts[status] or 0) + n
    end
    first = first or thread:get("unexpected")
  end
  local by_status = {}
  for status, n in pairs(counts) do
    table.insert(by_status, string.format('"%d":%d', status, n))
    if status < 200 or status > 299 then
      non_2xx = non_2xx + n
    end
    if conditional and status ~= 304 or not conditional and (status < 200 or status > 299) then
      wrong = wrong + n
    end
  end
  table.sort(by_status)
  local line = string.format(
    '{"label":"%s","scenario":"%s","rate":%s,"requests":%d,"seconds":%.3f,"rps":%.1f,'
      .. '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f,'
      .. '"bytes_per_response":%.1f,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"statuses":{%s},"non_2xx":%d,"unexpected":%d,"first_unexpected":%s}',
    os.getenv("BENCH_LABEL") or scenario, scenario, rate and tostring(rate) or "null", summary.requests, seconds,
    summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, latency.mean / 1000,
    summary.requests > 0 and summary.bytes / summary.requests or 0,
    e.connect, e.read, e.write, e.status, e.timeout,
    table.concat(by_status, ","), non_2xx, wrong, first and json_string(first) or "null")
  io.write(line .. "\n")
  local out = os.getenv("BENCH_OUT")
  if out then
    local f = io.open(out, "a")
    f:write(line .. "\n")
    f:close()
  end
end
