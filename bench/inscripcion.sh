#!/usr/bin/env bash
# bench/inscripcion.sh [RATE_PER_MINUTE...] - the opening morning of
# inscriptions as an open-loop load (bench/inscripcion_carga.c): starts its own
# stack under var/bench/ (durable PostgreSQL settings, captcha off, auth rate
# limits lifted for one client address), opens a convocatoria, then runs each
# arrival rate (default 300 600 900 1200 applicants a minute) for
# SERUMS_BENCH_DURATION seconds (default 120) and stops at the first that fails
# (an error, or p99 >= 250 ms on a step other than the two password hashes).
# Prints each run's table and the highest rate that passed.
#   SERUMS_BENCH_DURATION=3 bench/inscripcion.sh 60     # smoke run
set -uo pipefail
source "$(dirname "$0")/stack.sh"
export SERUMS_AUTH_RATE=100000 SERUMS_AUTH_BURST=100000 SERUMS_CODES_PER_IP_HOUR=1000000
bench_stack inscripcion 19080 19433 19525

conv=$(psql_q -c "insert into convocatorias (codigo, anio, periodo, tipo) values ('BENCH-$$', 2026, 'I', 'ORDINARIO') returning id" | head -1)
psql_q -c "insert into convocatoria_fases values ($conv, 'INSCRIPCION', now() - interval '1 hour', now() + interval '3 days')" >/dev/null

best=none
for rate in ${@:-300 600 900 1200}; do
  say "open-loop load: $rate applicants a minute for ${SERUMS_BENCH_DURATION:-120} s"
  if "$B/bench-inscripcion" --url "http://127.0.0.1:$SERUMS_HTTP_PORT" --convocatoria "$conv" --rate "$rate" \
       --duration "${SERUMS_BENCH_DURATION:-120}" --mail-dir "$SERUMS_VAR/mail"; then
    best=$rate
  else
    break
  fi
done
echo
echo "highest arrival rate with 0 errors and p99 < 250 ms (password hashes apart): $best applicants/minute"
