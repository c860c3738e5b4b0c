-- wrk script for bench/run's load step: every request carries alerts nobody sent before.
--
-- Environment: TARGET = am (Alertmanager's /api/v2/alerts, a JSON list) or runbook (an Alertmanager webhook
-- body to RB_PATH with the bearer TOKEN); BATCH = alerts per request.
-- Prints one line at the end: RESULT requests=N seconds=S status_errors=E socket_errors=F p50_ms=X p99_ms=Y
-- (requests: answers read; status_errors: those answers that were not 2xx or 3xx).

local target = os.getenv("TARGET") or "runbook"
local batch = tonumber(os.getenv("BATCH") or "1")
local path = os.getenv("RB_PATH") or "/"
local token = os.getenv("TOKEN") or ""
local alertnames = {"DiskUsageWarning", "HighLatency", "PodCrashLooping", "ReplicationLag"}

local threads = 0
local sequence = 0
-- `prefix` is a global of each thread's own Lua state, set by setup() below: a local here would hide it.
prefix = ""

function setup(thread)
  -- Each wrk thread gets its own prefix so that no two threads (and no two runs) repeat an alert.
  threads = threads + 1
  math.randomseed(os.time())
  thread:set("prefix", string.format("%x%05x-%d", os.time(), math.random(0, 0xfffff), threads))
end

local function one_alert(n)
  local name = alertnames[n % #alertnames + 1]
  local instance = prefix .. "-" .. n
  local common = string.format(
    '"labels":{"alertname":"%s","app":"app-%d","instance":"%s","severity":"warning"},'
      .. '"annotations":{"summary":"%s on %s"},"startsAt":"2026-12-04T10:00:00Z"',
    name, n % 50, instance, name, instance)
  if target == "am" then
    return "{" .. common .. "}"
  end
  return '{"status":"firing",' .. common .. ',"endsAt":"0001-01-01T00:00:00Z","fingerprint":"' .. instance .. '"}'
end

function request()
  local alerts = {}
  for i = 1, batch do
    sequence = sequence + 1
    alerts[i] = one_alert(sequence)
  end
  local list = "[" .. table.concat(alerts, ",") .. "]"
  if target == "am" then
    return wrk.format("POST", "/api/v2/alerts", {["Content-Type"] = "application/json"}, list)
  end
  local body = '{"version":"4","groupKey":"{}:{load=\\"' .. prefix .. '\\"}","status":"firing",'
    .. '"receiver":"runbook","groupLabels":{},"commonLabels":{},"commonAnnotations":{},'
    .. '"externalURL":"http://127.0.0.1:9093","alerts":' .. list .. '}'
  return wrk.format("POST", path,
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  local line = "RESULT requests=%d seconds=%.3f status_errors=%d socket_errors=%d p50_ms=%.3f p99_ms=%.3f\n"
  io.write(string.format(line,
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
