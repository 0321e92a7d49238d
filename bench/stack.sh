# bench/stack.sh - sourced by the bench scripts: the throwaway stack each one
# measures on. `bench_stack NAME HTTP PG SMTP` builds $SERUMS_BENCH_BUILD
# (default build) into B, starts PostgreSQL, the workers, the SMTP sink and
# nginx under var/bench-NAME/ (or $SERUMS_BENCH_VAR) on the ports
# SERUMS_BENCH_HTTP_PORT / _PG_PORT / _SMTP_PORT (else HTTP PG SMTP), with the
# access log off and no captcha, and stops all of it on exit (after the
# script's own bench_cleanup, when it defines one). Sets URL; gives psql_q
# (a query on the stack's database) and json_field (one field of a JSON text).
# Login limits stay as configured: a script that lifts them exports
# SERUMS_AUTH_RATE / SERUMS_AUTH_BURST before calling bench_stack.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$SERUMS_ROOT" || exit 1

bench_stack() {
  local name=$1 http=$2 pg=$3 smtp=$4
  B=${SERUMS_BENCH_BUILD:-build}
  build "$B" >/dev/null || exit 1
  export SERUMS_ENV=development SERUMS_BUILD=$B
  export SERUMS_VAR="$SERUMS_ROOT/${SERUMS_BENCH_VAR:-var/bench-$name}"
  export SERUMS_HTTP_PORT=${SERUMS_BENCH_HTTP_PORT:-$http} SERUMS_PG_PORT=${SERUMS_BENCH_PG_PORT:-$pg}
  export SERUMS_SMTP_PORT=${SERUMS_BENCH_SMTP_PORT:-$smtp}
  export SERUMS_NGINX_ACCESS_LOG=off SERUMS_SERUMSD_LOG="$SERUMS_VAR/log/serumsd-bench.log"
  unset SERUMS_CAPTCHA_VERIFY_URL SERUMS_CAPTCHA_FAKE_PORT SERUMS_NOW SERUMS_JWT_SECRET
  [ -f "$SERUMS_VAR/pg/data/postmaster.pid" ] && { stack_env; pg_stop; }
  rm -rf "$SERUMS_VAR"
  stack_env
  trap 'declare -F bench_cleanup >/dev/null && bench_cleanup; stack_stop' EXIT
  stack_start >/dev/null 2>&1 || die "the bench stack did not start (see $SERUMS_VAR/log)"
  URL="http://127.0.0.1:$SERUMS_HTTP_PORT"
}

bench_need_wrk() { command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"; }

psql_q() {
  pg_run "$PG_BIN/psql" -h "$SERUMS_VAR/pg/run" -p "$SERUMS_PG_PORT" -U serums -d serums -qtAX -v ON_ERROR_STOP=1 "$@"
}

json_field() { sed -nE "s/.*\"$1\" *: *\"?([^\",}]*)\"?.*/\1/p" | head -1; }
