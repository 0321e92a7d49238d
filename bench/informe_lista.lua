-- informe_lista.lua - wrk script: a DIRESA walks its list of informes in
-- 50-row pages (every page of the convocatoria in turn, by cursor).
-- Usage: wrk ... -s bench/informe_lista.lua URL -- CONVOCATORIA TOKEN CURSOR1,CURSOR2,...
local conv, token = "1", ""
local cursors = {""}
local i = 0

function init(args)
  conv, token = args[1], args[2]
  for c in string.gmatch(args[3] or "", "[^,]+") do cursors[#cursors + 1] = c end
end

function request()
  i = i + 1
  local c = cursors[(i % #cursors) + 1]
  local path = "/v1/convocatorias/" .. conv .. "/informes?limit=50"
  if c ~= "" then path = path .. "&cursor=" .. c end
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end

function done(summary, latency, requests)
  io.write(string.format("lua: %d requests, %d errors (status %d), %d pages in rotation\n", summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    summary.errors.status, #cursors))
end
