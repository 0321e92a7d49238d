-- auth_login.lua - wrk script: POST /v1/auth/login as a mobile client with
-- the bench account (BENCH_EMAIL / BENCH_PASSWORD are spliced in by auth.sh).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"email":"%s","password":"%s","client":"mobile"}', os.getenv("BENCH_EMAIL"),
                         os.getenv("BENCH_PASSWORD"))

function response(status, headers, body)
  if status ~= 200 then
    io.stderr:write("login answered " .. status .. "\n")
  end
end
