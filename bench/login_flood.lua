-- login_flood.lua - wrk script: the review's login flood, every request a
-- login to ONE account with its right password (BENCH_EMAIL, BENCH_PASSWORD),
-- from one address. Prints the answers by status at the end.
local email = os.getenv("BENCH_EMAIL")
local password = os.getenv("BENCH_PASSWORD")
local body = string.format('{"email":"%s","password":"%s","client":"mobile"}', email, password)
local headers = {["Content-Type"] = "application/json"}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function request()
  return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, b)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for k, v in pairs(c) do total[k] = (total[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(total) do table.insert(parts, k .. ": " .. v) end
  table.sort(parts)
  io.write("answers " .. table.concat(parts, ", ") .. "\n")
end
