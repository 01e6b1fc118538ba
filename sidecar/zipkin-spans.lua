-- zipkin-spans.lua: W3C traceparent propagation and Zipkin v2 spans for the payment sidecar
-- (docs/patterns/sidecar.md). Debian's HAProxy has an OpenTracing filter but no Zipkin tracer for it,
-- so the spans are built here.  Written for HAProxy 2.6 / Lua 5.3, loaded with "lua-load"
-- (ONE shared Lua state, so the span queue below is a single global table).
--
-- Wiring in payment-sidecar.cfg (frontend):
--   http-request        lua.trace_start                 -> parse/replace traceparent, start clock
--   http-after-response set-var-fmt(txn.zk_rc) "%rc"    -> retries HAProxy made (no sample fetch in 2.6)
--   http-after-response set-var(txn.zk_done) lua.trace_end  -> build + queue the spans
-- "http-after-response" is used (not "http-response") because it is the only
-- rule set that also runs for responses HAProxy generates itself (503 circuit
-- open, 504 after retries, 502 on reset).  It cannot call a Lua *action* in
-- 2.6, but it can evaluate a Lua *sample fetch*, which is enough here because
-- finishing a span needs no yielding.

local cfg = {
  url              = os.getenv("ZIPKIN_SPANS_URL") or "http://127.0.0.1:9411/api/v2/spans",
  flush_ms         = tonumber(os.getenv("ZIPKIN_FLUSH_MS") or "500"),
  post_timeout_ms  = 2000,    -- httpclient "timeout server" for one flush. There is no per-request
                              -- connect timeout in 2.6: with Zipkin down (refused) one flush took
                              -- ~3 s (the internal <HTTPCLIENT> proxy retries 3 times, 1 s apart)
  max_queue        = 5000,    -- spans waiting for a flush; when full, NEW spans are dropped
  max_batch        = 500,     -- spans per POST
  local_service    = "payment-sidecar",
  caller_service   = "payment-service",
  provider_service = "payment-provider",
}

-- ---------------------------------------------------------------- helpers
-- math.random is libc random() (~31 bits per draw, hence 32-bit chunks below);
-- seed it once per process so two sidecars started together differ.
do
  local t = core.now()
  math.randomseed(t.sec * 1000003 + t.usec + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

local function rand_hex32()
  return string.format("%08x", math.random(0, 0xffffffff))
end

local function new_span_id()          -- 16 hex chars, never all zero (invalid in W3C)
  local id
  repeat id = rand_hex32() .. rand_hex32() until id ~= "0000000000000000"
  return id
end

local function new_trace_id()         -- 32 hex chars
  return rand_hex32() .. rand_hex32() .. rand_hex32() .. rand_hex32()
end

-- core.now() is HAProxy's wall clock as cached at the last event-loop wake-up
-- (not a syscall): good for anything that waited on I/O, but a span that is
-- opened and closed in one loop iteration (503 circuit open) gets duration 0 -> 1.
local function now_us()               -- microseconds (Lua 5.3 has 64-bit integers)
  local t = core.now()
  return t.sec * 1000000 + t.usec
end

local function json_str(s)            -- minimal JSON string escaping
  s = tostring(s)
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == '\\' then return '\\\\'
    elseif c == '\n' then return '\\n' elseif c == '\r' then return '\\r'
    elseif c == '\t' then return '\\t' end
    return string.format("\\u%04x", c:byte())
  end)
  return '"' .. s .. '"'
end

-- W3C trace-context: version-traceid(32)-parentid(16)-flags(2), lower-case hex.
local function parse_traceparent(v)
  if not v then return nil end
  v = v:lower():match("^%s*(.-)%s*$")
  local ver, tid, pid, flags = v:match("^(%x%x)%-(%x+)%-(%x+)%-(%x%x)")
  if not ver or ver == "ff" or #tid ~= 32 or #pid ~= 16 then return nil end
  if tid == string.rep("0", 32) or pid == string.rep("0", 16) then return nil end
  if ver == "00" and #v ~= 55 then return nil end   -- version 00 has no extra fields
  return tid, pid, flags
end

-- ---------------------------------------------------------------- span queue
local queue, qlen = {}, 0
local stats = { queued = 0, sent = 0, dropped = 0, failed_posts = 0 }

local function enqueue(json)
  if qlen >= cfg.max_queue then
    stats.dropped = stats.dropped + 1   -- Zipkin down for long: shed, never block traffic
    return
  end
  qlen = qlen + 1
  queue[qlen] = json
  stats.queued = stats.queued + 1
end

-- ---------------------------------------------------------------- request side
-- http-request lua.trace_start
core.register_action("trace_start", { "http-req" }, function(txn)
  local t0 = now_us()
  local hdrs = txn.http:req_get_headers()
  -- header values are indexed from 0 in HAProxy's Lua API, not from 1
  local tp = hdrs["traceparent"] and hdrs["traceparent"][0]
  local trace_id, caller_span, flags = parse_traceparent(tp)
  if not trace_id then                  -- absent/invalid: this hop starts a new trace
    trace_id, caller_span, flags = new_trace_id(), nil, "01"
  end
  local server_span = new_span_id()     -- the sidecar's SERVER span (child of the caller)
  local client_span = new_span_id()     -- the sidecar's CLIENT span (hop to the provider)

  -- The provider must see the hop it is really called from as its parent,
  -- i.e. our CLIENT span (Zipkin convention: server span's parent = client span).
  txn.http:req_set_header("traceparent", "00-" .. trace_id .. "-" .. client_span .. "-" .. flags)

  txn:set_var("txn.zk_trace", trace_id)
  txn:set_var("txn.zk_parent", caller_span or "")
  txn:set_var("txn.zk_server", server_span)
  txn:set_var("txn.zk_client", client_span)
  -- bit 0 of trace-flags = sampled; a non-sampled trace is propagated but not reported
  txn:set_var("txn.zk_sampled", (tonumber(flags, 16) % 2 == 1) and 1 or 0)
  txn:set_var("txn.zk_t0", t0)
  -- method/path must be captured here: at response time the request message
  -- is gone and the "path" fetch silently returns "/" (seen in testing)
  txn:set_var("txn.zk_method", txn.f:method() or "?")
  txn:set_var("txn.zk_path", txn.f:path() or "/")
end)

-- ---------------------------------------------------------------- response side
local function finish(txn)
  local trace_id = txn:get_var("txn.zk_trace")
  if not trace_id or txn:get_var("txn.zk_sampled") ~= 1 then return "skip" end
  local t_end    = now_us()
  local t0       = txn:get_var("txn.zk_t0")
  local parent   = txn:get_var("txn.zk_parent")
  local sspan    = txn:get_var("txn.zk_server")
  local cspan    = txn:get_var("txn.zk_client")
  local status   = txn.f:status() or 0
  -- "%rc" is "+N" when the last retry was redispatched; keep only the number
  local retries  = tonumber(((txn:get_var("txn.zk_rc") or "0"):gsub("^%+", ""))) or 0
  local server   = txn.f:srv_name()     -- nil/"" when no server was used (circuit open)
  local method   = txn:get_var("txn.zk_method") or "?"
  local path     = txn:get_var("txn.zk_path") or "/"
  local name     = method:lower() .. " " .. path
  local duration = math.max(t_end - t0, 1)   -- Zipkin rejects duration 0
  local is_err   = status == 0 or status >= 500

  local common_tags = string.format(
    '"http.method":%s,"http.path":%s,"http.status_code":%s,"haproxy.retries":"%d"',
    json_str(method), json_str(path), json_str(status), retries)
  local err_tag = is_err and string.format(',"error":%s', json_str(
      (server == nil or server == "") and "circuit open / no provider available"
      or ("HTTP " .. status .. " after " .. (retries + 1) .. " attempt(s)"))) or ""

  -- SERVER span: what payment-service sees (payment-service -> payment-sidecar).
  enqueue(string.format(
    '{"traceId":%s,%s"id":%s,"name":%s,"kind":"SERVER","timestamp":%d,"duration":%d,' ..
    '"localEndpoint":{"serviceName":%s},"remoteEndpoint":{"serviceName":%s},"tags":{%s%s}}',
    json_str(trace_id), (parent ~= "" and ('"parentId":' .. json_str(parent) .. ',') or ""),
    json_str(sspan), json_str(name), t0, duration,
    json_str(cfg.local_service), json_str(cfg.caller_service), common_tags, err_tag))

  -- CLIENT span: the hop to the provider (payment-sidecar -> payment-provider),
  -- covering all attempts incl. retries. Not emitted when nothing was sent.
  if server and server ~= "" then
    enqueue(string.format(
      '{"traceId":%s,"parentId":%s,"id":%s,"name":%s,"kind":"CLIENT","timestamp":%d,"duration":%d,' ..
      '"localEndpoint":{"serviceName":%s},"remoteEndpoint":{"serviceName":%s},' ..
      '"tags":{%s,"haproxy.server":%s%s}}',
      json_str(trace_id), json_str(sspan), json_str(cspan), json_str(name), t0 + 1, math.max(duration - 1, 1),
      json_str(cfg.local_service), json_str(cfg.provider_service), common_tags, json_str(server), err_tag))
  end
  return "queued"
end

-- http-after-response set-var(txn.zk_done) lua.trace_end
-- A sample fetch must never break the request: any Lua error is caught and only logged.
core.register_fetches("trace_end", function(txn)
  local ok, res = pcall(finish, txn)
  if not ok then
    core.Warning("zipkin: span not built: " .. tostring(res))
    return "error"
  end
  return res
end)

-- ---------------------------------------------------------------- flusher task
local last_warn = 0
core.register_task(function()
  while true do
    core.msleep(cfg.flush_ms)
    if qlen > 0 then
      local n = math.min(qlen, cfg.max_batch)
      local batch = table.concat(queue, ",", 1, n)
      -- remove what we take *before* yielding in httpclient (other code may enqueue meanwhile)
      table.move(queue, n + 1, qlen + n, 1)     -- shifts the rest down, nils the tail
      qlen = qlen - n
      local ok, res = pcall(function()
        local hc = core.httpclient()             -- one client per flush; cheap
        return hc:post{ url = cfg.url, body = "[" .. batch .. "]",
                        headers = { ["content-type"] = { "application/json" } },
                        timeout = cfg.post_timeout_ms }
      end)
      if ok and res and res.status and res.status >= 200 and res.status < 300 then
        stats.sent = stats.sent + n
      else
        stats.failed_posts = stats.failed_posts + 1
        stats.dropped = stats.dropped + n        -- no re-queue: keeps memory bounded, traffic first
        local t = core.now().sec
        if t - last_warn >= 10 then               -- at most one warning every 10 s
          last_warn = t
          core.Warning(string.format("zipkin: POST %s failed (%s); %d span(s) dropped so far",
            cfg.url, ok and ("status " .. tostring(res and res.status)) or tostring(res), stats.dropped))
        end
      end
    end
  end
end)

-- GET /zipkin-stats on the admin/metrics port (lua.zipkin_stats service)
core.register_service("zipkin_stats", "http", function(applet)
  local body = string.format('{"queued":%d,"sent":%d,"dropped":%d,"failed_posts":%d,"pending":%d}\n',
    stats.queued, stats.sent, stats.dropped, stats.failed_posts, qlen)
  applet:set_status(200)
  applet:add_header("content-type", "application/json")
  applet:add_header("content-length", tostring(#body))
  applet:start_response()
  applet:send(body)
end)
