#!/usr/bin/env bash
# bench/revision.sh - review and publication at 2025-I scale (issue 10), in
# one run with its baselines: (1) publishing a 20,000-row APTOS list (build
# time, target < 2 s) and serving it: the static mirror nginx serves vs the
# same bytes from a plain nginx static location (target >= 80 %) and vs the
# API route; (2) the reviewers' list, 50-row pages filtered by DIRESA over
# 20,000 finalized inscriptions, vs the minimal FastCGI responder (target
# >= 50 %, p99 < 25 ms at 64 connections); (3) applying a 20,000-row
# validation file (target < 3 s). Its own stack under var/bench-revision/.
#   bench/revision.sh                          # 8 s per wrk run
#   SERUMS_BENCH_DURATION=3 bench/revision.sh  # smoke run
set -uo pipefail
source "$(dirname "$0")/stack.sh"
bench_need_wrk
DUR=${SERUMS_BENCH_DURATION:-8}
CONN=${SERUMS_BENCH_CONNECTIONS:-64}
STATIC_PID=
bench_cleanup() { [ -n "$STATIC_PID" ] && kill -TERM "$STATIC_PID" 2>/dev/null; }
export SERUMS_AUTH_RATE=100000 SERUMS_AUTH_BURST=100000
bench_stack revision 19180 16533 13625
STATIC_PORT=$((SERUMS_HTTP_PORT + 6))
login() { curl -fsS "$URL/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"$1\",\"password\":\"serums-dev-2026\",\"client\":\"mobile\"}" | json_field access_token; }

say "20,000 finalized inscriptions (grades from notas-2024)"
conv=$(psql_q -c "insert into convocatorias (codigo, anio, periodo, tipo) values ('2025-I-BENCH', 2025, 'I', 'ORDINARIO') returning id")
psql_q -c "insert into convocatoria_fases (convocatoria_id, fase, inicia, termina) values
  ($conv, 'INSCRIPCION', now() - interval '40 days', now() - interval '30 days'),
  ($conv, 'REVISION', now() - interval '30 days', now() - interval '20 days'),
  ($conv, 'PUBLICACION_APTOS', now() - interval '1 day', now() + interval '1 day'),
  ($conv, 'SUBSANACION', now() + interval '1 day', now() + interval '5 days'),
  ($conv, 'PUBLICACION_FINAL', now() + interval '5 days', now() + interval '6 days')" >/dev/null
notas=$(awk -F, 'NR > 1 && $4 != "NA" { printf "%s(%s)", sep, $4; sep = "," }' "$SERUMS_DATA_DIR/notas-2024/obstetricia.csv")
psql_q -c "create table notas (nota numeric); insert into notas values $notas" >/dev/null
psql_q -v conv="$conv" -f bench/revision_datos.sql >/dev/null || die "bench data failed"
echo "  $(psql_q -c "select count(*) from inscripciones where convocatoria_id = $conv") inscriptions, $(psql_q -c "select count(distinct diresa_codigo) from inscripciones where convocatoria_id = $conv") DIRESAs"
admin=$(login admin@serums.test); cusco=$(login diresa.cusco@serums.test)
[ -n "$admin" ] && [ -n "$cusco" ] || die "login failed"

say "(1) publishing APTOS_PRELIMINAR of 20,000 rows, three versions"
for run in 1 2 3; do
  out=$(curl -sS -o "$SERUMS_VAR/pub.json" -w '%{http_code} %{time_total}' "$URL/v1/convocatorias/$conv/publicaciones" \
    -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' -d '{"tipo":"APTOS_PRELIMINAR"}')
  printf '  run %d: HTTP %s, %s rows, built and stored in %.3f s\n' "$run" "${out% *}" "$(json_field filas < "$SERUMS_VAR/pub.json")" "${out#* }"
done
CSV="$SERUMS_VAR/publicaciones/$conv/APTOS_PRELIMINAR/v1.csv"
echo "  v1.csv $(wc -c < "$CSV") bytes, v1.json $(wc -c < "${CSV%.csv}.json") bytes"

source bench/wrk.sh

# the baseline: the same bytes from a plain nginx static location (same worker settings)
mkdir -p "$SERUMS_VAR/static"; cp "$CSV" "$SERUMS_VAR/static/plain.csv"
cat > "$SERUMS_VAR/static.conf" <<CONF
worker_processes ${NGINX_WORKERS:-2};
pid $SERUMS_VAR/static.pid;
error_log $SERUMS_VAR/log/static-error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 100000; types { text/csv csv; }
  server { listen 127.0.0.1:$STATIC_PORT reuseport backlog=4096; location / { root $SERUMS_VAR/static; } } }
CONF
nginx -p "$SERUMS_VAR" -c "$SERUMS_VAR/static.conf" -g 'daemon off;' & STATIC_PID=$!
sleep 0.5
say "serving the 20,000-row list, $CONN connections, ${DUR} s each"
run_wrk "plain nginx static (baseline)" "http://127.0.0.1:$STATIC_PORT/plain.csv"; BASE=$WRK_RPS
run_wrk "static mirror /publicaciones/.../v1.csv" "$URL/publicaciones/$conv/APTOS_PRELIMINAR/v1.csv"; MIRROR=$WRK_RPS
run_wrk "API .../versiones/1.csv (FastCGI)" "$URL/v1/convocatorias/$conv/publicaciones/APTOS_PRELIMINAR/versiones/1.csv"
awk -v m="$MIRROR" -v b="$BASE" 'BEGIN { printf "published list vs plain nginx static: %.0f%% (target >= 80%%)\n", 100 * m / b }'
kill -TERM "$STATIC_PID" 2>/dev/null; wait "$STATIC_PID" 2>/dev/null; STATIC_PID=

say "(2) reviewers' list: 50-row pages filtered by DIRESA (Cusco), $CONN connections, ${DUR} s each"
# 2 s warm-up: each worker builds the page once, then serves it from its cache
# until the convocatoria's list version changes (api/lista_cache.c)
wrk -t2 -c"$CONN" -d2s "$URL/v1/convocatorias/$conv/inscripciones?limit=50&estado=APTO" -H "Authorization: Bearer $cusco" >/dev/null 2>&1
run_wrk "list page (diresa.cusco)" "$URL/v1/convocatorias/$conv/inscripciones?limit=50&estado=APTO" bench/revision_lista.lua "$cusco"
LIST_RPS=$WRK_RPS; LIST_P99=$WRK_P99
echo "  rows in Cusco's scope: $(psql_q -c "select count(*) from inscripciones where convocatoria_id = $conv and diresa_codigo = 'CUSCO'")"
kill -TERM "$SERUMSD_PID" 2>/dev/null; wait "$SERUMSD_PID" 2>/dev/null
workers=${SERUMS_WORKERS:-$(( 2 * $(nproc) ))}
"$B/fcgi-min" "$SERUMS_SOCKET" "$workers" & MIN_PID=$!
sleep 0.5
run_wrk "fcgi-min (baseline)" "$URL/healthz"; MIN_RPS=$WRK_RPS
pkill -TERM -P "$MIN_PID" 2>/dev/null; kill -TERM "$MIN_PID" 2>/dev/null; wait "$MIN_PID" 2>/dev/null
awk -v s="$LIST_RPS" -v m="$MIN_RPS" -v p="$LIST_P99" 'BEGIN {
  printf "reviewers list vs fcgi-min: %.0f%% (target >= 50%%), p99 %s ms (target < 25 ms)\n", 100 * s / m, p }'
"$B/serumsd" serve 2>>"$SERUMS_SERUMSD_LOG" & SERUMSD_PID=$!
STACK_PIDS+=("$SERUMSD_PID")
wait_http "$URL/readyz" 30 || die "serumsd did not come back"

say "(3) a 20,000-row official PPP file (the declared grades, 1 in 50 altered), three runs"
psql_q -c "select 'DNI,' || u.numero_documento || ',' || case when i.id % 50 = 0 then '20' else i.datos_profesionales ->> 'nota_ppp' end
           from inscripciones i join usuarios u on u.id = i.usuario_id where i.convocatoria_id = $conv" > "$SERUMS_VAR/ppp.csv"
for run in 1 2 3; do
  out=$(curl -sS -o "$SERUMS_VAR/val.json" -w '%{http_code} %{time_total}' -X POST \
    "$URL/v1/convocatorias/$conv/validaciones?fuente=PPP" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: text/csv' --data-binary @"$SERUMS_VAR/ppp.csv")
  printf '  run %d: HTTP %s, %s rows (%s conformes, %s discrepancias) applied in %.3f s\n' "$run" "${out% *}" \
    "$(json_field filas < "$SERUMS_VAR/val.json")" "$(json_field conformes < "$SERUMS_VAR/val.json")" \
    "$(json_field discrepancias < "$SERUMS_VAR/val.json")" "${out#* }"
done
