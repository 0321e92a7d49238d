-- auth_login.lua - wrk script: POST /v1/auth/login as a mobile client, each
-- request for one of BENCH_USERS accounts bench1..N@serums.test (created by
-- auth.sh with the password BENCH_PASSWORD): an opening morning is many
-- people, and logins of one email are serialized by design (lockout count).
local users = tonumber(os.getenv("BENCH_USERS") or "200")
local password = os.getenv("BENCH_PASSWORD")
local headers = {["Content-Type"] = "application/json"}

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed)
end

function request()
  local body = string.format('{"email":"bench%d@serums.test","password":"%s","client":"mobile"}',
                             math.random(1, users), password)
  return wrk.format("POST", nil, headers, body)
end

function response(status, hdrs, body)
  if status ~= 200 then
    io.stderr:write("login answered " .. status .. "\n")
  end
end
