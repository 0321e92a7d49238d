#!/usr/bin/env bash
# bench/auth.sh - accounts benchmark on a throwaway stack (var/bench-auth/):
#  1. the argon2id bound: verifications per second per core x cores
#     (build/argon2_rate, same cost as serumsd);
#  2. POST /v1/auth/login (mobile client, right password, 200 accounts) with
#     wrk: logins/s and p99, and the share of the bound it reaches;
#  3. GET /v1/me with a Bearer token: requests/s and p99 (and serumsd's own
#     /healthz, no token and no database, for reference);
#  4. GET /healthz of build/fcgi-min (the minimal FastCGI responder) behind
#     the same nginx configuration, and /v1/me as a share of it (goal >= 60 %).
# Usage: bench/auth.sh [DURATION]   e.g. bench/auth.sh 3s (smoke), default 15s.
# Ports: SERUMS_BENCH_HTTP_PORT (default 28090, +1 for fcgi-min), SERUMS_BENCH_PG_PORT 25443,
# SERUMS_BENCH_SMTP_PORT 22535.
set -uo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$SERUMS_ROOT"
D=${1:-15s}
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
build build >/dev/null || exit 1
export SERUMS_ENV=development SERUMS_BUILD=build
export SERUMS_VAR="$SERUMS_ROOT/var/bench-auth"
export SERUMS_HTTP_PORT=${SERUMS_BENCH_HTTP_PORT:-28090} SERUMS_PG_PORT=${SERUMS_BENCH_PG_PORT:-25443}
export SERUMS_SMTP_PORT=${SERUMS_BENCH_SMTP_PORT:-22535}
export SERUMS_AUTH_RATE=1000000 SERUMS_AUTH_BURST=1000000 SERUMS_NGINX_ACCESS_LOG=off
export SERUMS_SERUMSD_LOG="$SERUMS_VAR/log/serumsd.log"
CORES=$(nproc)
WORKERS=${SERUMS_WORKERS:-$((2 * CORES))}
export SERUMS_WORKERS=$WORKERS
[ -f "$SERUMS_VAR/pg/data/postmaster.pid" ] && { stack_env; pg_stop; }
rm -rf "$SERUMS_VAR"
stack_env
MIN_PID=""; MIN_NGINX_PID=""
cleanup() {
  [ -n "$MIN_NGINX_PID" ] && kill "$MIN_NGINX_PID" 2>/dev/null
  [ -n "$MIN_PID" ] && kill -- -"$MIN_PID" 2>/dev/null   # fcgi-min and its forked workers
  stack_stop
}
trap cleanup EXIT
stack_start >/dev/null 2>&1 || die "stack did not start (see $SERUMS_VAR/log)"
BASE="http://127.0.0.1:$SERUMS_HTTP_PORT"

# wrk_figures NAME wrk-args... : prints "NAME: X requests/s, p99 Y"
wrk_figures() {
  local name=$1; shift
  local out; out=$(wrk --latency "$@" 2>&1)
  local rps p99
  rps=$(printf '%s\n' "$out" | sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p')
  p99=$(printf '%s\n' "$out" | sed -nE 's/^ *99% +([0-9.]+[a-z]+).*/\1/p')
  printf '%-34s %10s requests/s   p99 %s\n' "$name" "${rps:-?}" "${p99:-?}"
  echo "${rps:-0}" > "$SERUMS_VAR/last_rps"
}

say "argon2id bound"
./build/argon2_rate 3 | tee "$SERUMS_VAR/argon2.txt"
BOUND=$(sed -nE 's/.*bound ([0-9.]+) logins.*/\1/p' "$SERUMS_VAR/argon2.txt")

# many accounts (an opening morning is many people), all with the seed's password hash
export BENCH_EMAIL=diresa.amazonas@serums.test BENCH_PASSWORD=serums-dev-2026 BENCH_USERS=200
pg_run "$PG_BIN/psql" "$SERUMS_DATABASE_URL" -qAtc \
  "insert into usuarios (email, password_hash, rol) select 'bench' || g || '@serums.test', password_hash, 'admin'
   from usuarios, generate_series(1, $BENCH_USERS) g where email = 'admin@serums.test'" >/dev/null ||
  die "could not create the bench accounts"
say "POST /v1/auth/login ($D, $((2 * CORES)) connections, $WORKERS workers)"
wrk_figures "POST /v1/auth/login" -t2 -c$((2 * CORES)) -d"$D" -s bench/auth_login.lua "$BASE/v1/auth/login"
LOGINS=$(cat "$SERUMS_VAR/last_rps")
awk -v l="$LOGINS" -v b="$BOUND" 'BEGIN { if (b > 0) printf "logins/s vs argon2id bound: %.0f%% of %.1f\n", 100 * l / b, b }'

TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\",\"client\":\"mobile\"}" \
  "$BASE/v1/auth/login" | sed -nE 's/.*"access_token":"([^"]+)".*/\1/p')
[ -n "$TOKEN" ] || die "could not log in for GET /v1/me"
say "GET /v1/me ($D, 64 connections)"
wrk_figures "GET /v1/me" -t2 -c64 -d"$D" -H "Authorization: Bearer $TOKEN" "$BASE/v1/me"
ME=$(cat "$SERUMS_VAR/last_rps")
wrk_figures "GET /healthz (serumsd, no auth)" -t2 -c64 -d"$D" "$BASE/healthz"

say "minimal FastCGI responder (build/fcgi-min) behind the same nginx"
MV="$SERUMS_VAR/fcgimin"
mkdir -p "$MV"/{run,log,nginx}
setsid ./build/fcgi-min "$MV/run/min.sock" "$WORKERS" >/dev/null 2>>"$MV/log/fcgi-min.log" &
MIN_PID=$!
( export SERUMS_VAR=$MV SERUMS_HTTP_PORT=$((SERUMS_HTTP_PORT + 1)) SERUMS_SOCKET_ABS="$MV/run/min.sock"
  nginx_render >/dev/null ) || die "nginx for fcgi-min"
nginx -p "$MV/nginx" -c "$MV/nginx/nginx.conf" -e "$MV/log/nginx-error.log" -g 'daemon off;' &
MIN_NGINX_PID=$!
wait_http "http://127.0.0.1:$((SERUMS_HTTP_PORT + 1))/healthz" 10 || die "fcgi-min did not answer"
wrk_figures "fcgi-min GET /healthz" -t2 -c64 -d"$D" "http://127.0.0.1:$((SERUMS_HTTP_PORT + 1))/healthz"
MIN=$(cat "$SERUMS_VAR/last_rps")
awk -v m="$ME" -v n="$MIN" 'BEGIN { if (n > 0) printf "GET /v1/me vs fcgi-min: %.0f%% (goal >= 60%%)\n", 100 * m / n }'
