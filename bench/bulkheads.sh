#!/usr/bin/env bash
# bench/bulkheads.sh [SECONDS] - the figures issue 9 asks for, on a throwaway
# stack (var/bench-bulkheads/) with the default worker pools and the default
# nginx limits (20 logins/s per address, burst 200), every wrk run <= 60 s:
#  1. /healthz alone (4 connections): the quiet p99;
#  2. the login flood: 16 concurrent logins to ONE account (right password,
#     one address) for SECONDS, and meanwhile /healthz, a cached plaza page
#     and GET /v1/me (4 connections each): their p99 under the flood;
#  3. cache-miss plaza searches (a new `q` every request), 64 connections;
#  4. the eight-query search mix (bench/plazas_busqueda.lua), 64 connections:
#     its first 3 s from cold caches apart, then the measured run;
#  5. /healthz and /readyz of serumsd vs /healthz of build/fcgi-min (the
#     minimal FastCGI responder) behind the same nginx, 64 connections.
# Before/after: run it in two checkouts (SERUMS_BENCH_BUILD picks the build
# directory); the ratios inside one run are against baselines of that run.
# Ports: SERUMS_BENCH_HTTP_PORT (default 29090, +1 for fcgi-min), SERUMS_BENCH_PG_PORT
# 26443, SERUMS_BENCH_SMTP_PORT 23535.
set -uo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$SERUMS_ROOT"
S=${1:-15}
[ "$S" -le 60 ] || die "runs are capped at 60 s"
command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
B=${SERUMS_BENCH_BUILD:-build}
build "$B" >/dev/null || exit 1
export SERUMS_ENV=development SERUMS_BUILD=$B
export SERUMS_VAR="$SERUMS_ROOT/var/bench-bulkheads"
export SERUMS_HTTP_PORT=${SERUMS_BENCH_HTTP_PORT:-29090} SERUMS_PG_PORT=${SERUMS_BENCH_PG_PORT:-26443}
export SERUMS_SMTP_PORT=${SERUMS_BENCH_SMTP_PORT:-23535}
export SERUMS_NGINX_ACCESS_LOG=off SERUMS_SERUMSD_LOG="$SERUMS_VAR/log/serumsd.log" SERUMS_DRAIN_SECONDS=2
unset SERUMS_CAPTCHA_VERIFY_URL SERUMS_NOW SERUMS_AUTH_RATE SERUMS_AUTH_BURST SERUMS_JWT_SECRET
[ -f "$SERUMS_VAR/pg/data/postmaster.pid" ] && { stack_env; pg_stop; }
rm -rf "$SERUMS_VAR"
stack_env
MIN_PID=""; MIN_NGINX_PID=""; BG=()
cleanup() {
  for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$MIN_NGINX_PID" ] && kill "$MIN_NGINX_PID" 2>/dev/null
  [ -n "$MIN_PID" ] && kill -- -"$MIN_PID" 2>/dev/null   # fcgi-min and its forked workers
  for p in "${BG[@]}" $MIN_NGINX_PID $MIN_PID; do wait "$p" 2>/dev/null; done
  stack_stop
}
trap cleanup EXIT
stack_start >/dev/null 2>&1 || die "stack did not start (see $SERUMS_VAR/log)"
BASE="http://127.0.0.1:$SERUMS_HTTP_PORT"
OUT="$SERUMS_VAR/results"; mkdir -p "$OUT"
echo "tree: $SERUMS_ROOT (${BENCH_LABEL:-$(git -C "$SERUMS_ROOT" log -1 --format=%h 2>/dev/null)})"
curl -fsS "$BASE/metrics" | grep -E '^serums_workers ' || true

# figures NAME FILE: "NAME  X req/s  p50 A  p99 B  non-2xx N" from a wrk --latency output
figures() {
  local rps p50 p99 non
  rps=$(sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p' "$2")
  p50=$(sed -nE 's/^ *50% +([0-9.]+[a-z]+).*/\1/p' "$2")
  p99=$(sed -nE 's/^ *99% +([0-9.]+[a-z]+).*/\1/p' "$2")
  non=$(sed -nE 's/.*Non-2xx or 3xx responses: *([0-9]+).*/\1/p' "$2")
  printf '%-46s %9s req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$1" "${rps:-?}" "${p50:-?}" "${p99:-?}" "${non:-0}"
  grep -E '^answers|timeout' "$2" | sed 's/^/    /'
}
ms() {  # p99 of a wrk output in ms
  sed -nE 's/^ *99% +([0-9.]+)(us|ms|s).*/\1 \2/p' "$1" |
    awk '{ v = $1; if ($2 == "us") v /= 1000; else if ($2 == "s") v *= 1000; printf "%.2f", v }'
}
rps() { sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p' "$1"; }

export BENCH_EMAIL=diresa.amazonas@serums.test BENCH_PASSWORD=serums-dev-2026
TOKEN=$(curl -fsS -H 'Content-Type: application/json' \
  -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\",\"client\":\"mobile\"}" \
  "$BASE/v1/auth/login" | sed -nE 's/.*"access_token":"([^"]+)".*/\1/p')
[ -n "$TOKEN" ] || die "could not log in"
PAGE="$BASE/v1/convocatorias/1/plazas?limit=50&modalidad=remunerada&profesion=MEDICINA"
curl -fsS -o /dev/null "$PAGE"

say "1. quiet /healthz (4 connections, ${S}s)"
wrk -t1 -c4 -d"${S}s" --latency "$BASE/healthz" > "$OUT/quiet-healthz.txt" 2>&1
figures "GET /healthz, quiet" "$OUT/quiet-healthz.txt"

say "2. login flood: 16 concurrent logins to one account, $((S * 2 + 6))s; meanwhile ${S}s each"
wrk -t2 -c16 -d"$((S * 2 + 6))s" --latency -s bench/login_flood.lua "$BASE/v1/auth/login" > "$OUT/flood.txt" 2>&1 &
BG+=($!)
sleep 2
wrk -t1 -c4 -d"${S}s" --latency "$BASE/healthz" > "$OUT/flood-healthz.txt" 2>&1 & H1=$!
wrk -t1 -c4 -d"${S}s" --latency "$PAGE" > "$OUT/flood-page.txt" 2>&1 & H2=$!
wait "$H1" "$H2" 2>/dev/null
wrk -t1 -c4 -d"${S}s" --latency -H "Authorization: Bearer $TOKEN" "$BASE/v1/me" > "$OUT/flood-me.txt" 2>&1
wait "${BG[0]}" 2>/dev/null; BG=()
figures "POST /v1/auth/login x16, one account" "$OUT/flood.txt"
figures "GET /healthz during the flood" "$OUT/flood-healthz.txt"
figures "GET plazas page (cached) during the flood" "$OUT/flood-page.txt"
figures "GET /v1/me during the flood" "$OUT/flood-me.txt"
awk -v q="$(ms "$OUT/quiet-healthz.txt")" -v f="$(ms "$OUT/flood-healthz.txt")" \
  'BEGIN { printf "healthz p99 under the flood: %.2f ms (quiet %.2f ms, x%.1f; goal < 50 ms)\n", f, q, (q > 0 ? f / q : 0) }'

say "3. cache-miss searches (new q each request), 64 connections, ${S}s"
wrk -t2 -c64 -d"${S}s" --latency -s bench/plazas_q_aleatoria.lua "$BASE" -- 1 > "$OUT/miss.txt" 2>&1
figures "GET plazas?q=<new word> (cache miss)" "$OUT/miss.txt"

say "4. the eight-query search mix, 64 connections: 3s from cold, then ${S}s measured"
# The first seconds are each public worker computing each of the eight pages
# once (its cache starts empty); they are reported apart from the steady state.
wrk -t2 -c64 -d3s --latency -s bench/plazas_busqueda.lua "$BASE" -- 1 > "$OUT/mix-cold.txt" 2>&1
wrk -t2 -c64 -d"${S}s" --latency -s bench/plazas_busqueda.lua "$BASE" -- 1 > "$OUT/mix.txt" 2>&1
figures "GET plazas, eight-query mix, first 3s from cold" "$OUT/mix-cold.txt"
figures "GET plazas, eight-query mix" "$OUT/mix.txt"

say "5. /healthz and /readyz vs the minimal FastCGI responder, 64 connections, ${S}s each"
wrk -t2 -c64 -d"${S}s" --latency "$BASE/healthz" > "$OUT/healthz.txt" 2>&1
wrk -t2 -c64 -d"${S}s" --latency "$BASE/readyz" > "$OUT/readyz.txt" 2>&1
kill -TERM "$SERUMSD_PID" 2>/dev/null; wait "$SERUMSD_PID" 2>/dev/null
MV="$SERUMS_VAR/fcgimin"
mkdir -p "$MV"/{run,log,nginx}
WORKERS=$(( 2 * $(nproc) ))
setsid "./$B/fcgi-min" "$MV/run/min.sock" "$WORKERS" >/dev/null 2>>"$MV/log/fcgi-min.log" &
MIN_PID=$!
( export SERUMS_VAR=$MV SERUMS_SOCKET_ABS="$MV/run/min.sock" SERUMS_SOCKET_PUBLIC_ABS="$MV/run/min.sock" \
         SERUMS_SOCKET_AUTH_ABS="$MV/run/min.sock"
  nginx_render >/dev/null ) || die "nginx for fcgi-min"
nginx -s stop -p "$SERUMS_VAR/nginx" -c "$SERUMS_VAR/nginx/nginx.conf" 2>/dev/null; sleep 0.5
nginx -p "$MV/nginx" -c "$MV/nginx/nginx.conf" -e "$MV/log/nginx-error.log" -g 'daemon off;' &
MIN_NGINX_PID=$!
wait_http "$BASE/healthz" 10 || die "fcgi-min did not answer"
wrk -t2 -c64 -d"${S}s" --latency "$BASE/healthz" > "$OUT/min.txt" 2>&1
figures "fcgi-min GET /healthz (same nginx config)" "$OUT/min.txt"
figures "serumsd GET /healthz" "$OUT/healthz.txt"
figures "serumsd GET /readyz" "$OUT/readyz.txt"
awk -v h="$(rps "$OUT/healthz.txt")" -v r="$(rps "$OUT/readyz.txt")" -v m="$(rps "$OUT/min.txt")" \
  'BEGIN { if (m > 0) printf "vs fcgi-min: /healthz %.0f%% (goal >= 90%%), /readyz %.0f%% (goal >= 70%%)\n", 100 * h / m, 100 * r / m }'
