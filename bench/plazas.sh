#!/usr/bin/env bash
# bench/plazas.sh - the plaza offer: (1) importing a 10k-row MINSA file
# (2025-I equivalente, 10,617 rows) through the HTTP endpoint, three times,
# target under 2 s; (2) 50-row search pages at 64 connections with wrk
# (bench/plazas_busqueda.lua rotates eight realistic queries), requests/s and
# p99, target >= 50 % of the minimal FastCGI responder (measured here too,
# build/fcgi-min behind the same nginx) and p99 under 25 ms. Starts its own
# stack under var/bench-plazas/ (durable PostgreSQL settings).
#   bench/plazas.sh                          # 30 s per wrk run
#   SERUMS_BENCH_DURATION=3 bench/plazas.sh  # smoke run
set -uo pipefail
source "$(dirname "$0")/stack.sh"
bench_need_wrk
DUR=${SERUMS_BENCH_DURATION:-30}
CONN=${SERUMS_BENCH_CONNECTIONS:-64}
export SERUMS_AUTH_RATE=100000 SERUMS_AUTH_BURST=100000
bench_stack plazas 39180 39533 39625
FILE="$SERUMS_DATA_DIR/ofertas/2025-i-equivalente.csv"


say "import of a 10k-row offer file ($(basename "$FILE"), $(wc -c < "$FILE") bytes)"
token=$(curl -fsS "$URL/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"email":"admin@serums.test","password":"serums-dev-2026","client":"mobile"}' | json_field access_token)
[ -n "$token" ] || die "admin login failed"
conv=$(curl -fsS "$URL/v1/convocatorias" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"codigo":"2025-I-BENCH","anio":2025,"periodo":"I","tipo":"ORDINARIO"}' | json_field id)
[ -n "$conv" ] || die "could not create the bench convocatoria"
times=()
for run in 1 2 3; do
  out=$(curl -sS -o "$SERUMS_VAR/import.json" -w '%{http_code} %{time_total}' -X POST \
    "$URL/v1/convocatorias/$conv/plazas/importaciones?modalidad=equivalente" \
    -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary @"$FILE")
  code=${out% *}; t=${out#* }
  rows=$(json_field filas_importadas < "$SERUMS_VAR/import.json")
  printf '  run %d: HTTP %s, %s rows imported in %.3f s\n' "$run" "$code" "$rows" "$t"
  times+=("$t")
done
best=$(printf '%s\n' "${times[@]}" | sort -n | head -1)
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
printf 'import 10k rows: best %.3f s, median %.3f s (target < 2 s)\n' "$best" "$median"

source "$SERUMS_ROOT/bench/wrk.sh"   # run_wrk

say "minimal FastCGI responder (build/fcgi-min) behind the same nginx, $CONN connections, ${DUR} s"
kill -TERM "$SERUMSD_PID" 2>/dev/null; wait "$SERUMSD_PID" 2>/dev/null
workers=${SERUMS_WORKERS:-$(( 2 * $(nproc) ))}
"$B/fcgi-min" "$SERUMS_SOCKET" "$workers" & MIN_PID=$!
sleep 0.5
run_wrk "fcgi-min" "$URL/healthz"
MIN_RPS=$WRK_RPS
pkill -TERM -P "$MIN_PID" 2>/dev/null; kill -TERM "$MIN_PID" 2>/dev/null; wait "$MIN_PID" 2>/dev/null
"$B/serumsd" serve 2>>"$SERUMS_SERUMSD_LOG" & SERUMSD_PID=$!
STACK_PIDS+=("$SERUMSD_PID")
wait_http "$URL/readyz" 30 || die "serumsd did not come back"

seed=$(pg_run "$PG_BIN/psql" -h "$SERUMS_VAR/pg/run" -p "$SERUMS_PG_PORT" -U serums -d serums -qtAX \
  -c "select id from convocatorias where codigo = '2026-I'")
say "50-row search pages of the 2026-I offer (16,018 rows), $CONN connections, ${DUR} s (after a 2 s warm-up)"
# steady state: each worker computes each distinct query once (about 15 ms), then answers it from its cache
wrk -t2 -c"$CONN" -d2s -s bench/plazas_busqueda.lua "$URL" -- "$seed" >/dev/null 2>&1
run_wrk "search, first page" "$URL/v1/convocatorias/$seed/plazas?limit=50"
run_wrk "search, eight queries" "$URL" bench/plazas_busqueda.lua "$seed"
awk -v s="$WRK_RPS" -v m="$MIN_RPS" -v p="$WRK_P99" 'BEGIN {
  printf "search vs fcgi-min: %.0f%% of %s requests/s (target >= 50%%), p99 %s ms (target < 25 ms)\n", 100 * s / m, m, p }'
