#!/usr/bin/env bash
# scripts/check-run.sh - tests the run command as a newcomer uses it: start it
# (own var/ and ports), wait until /readyz answers and the demo adjudication's
# live session is watchable (first run), Ctrl-C its process group,
# require that no process it started is left; start it again and require that
# it reuses the cluster and the data. Exit 0 = pass.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export SERUMS_ENV=development   # explicit: serumsd is production without it
export SERUMS_VAR="$root/var/test-run" SERUMS_HTTP_PORT=${SERUMS_CHECK_HTTP_PORT:-18180}
export SERUMS_PG_PORT=${SERUMS_CHECK_PG_PORT:-15533} SERUMS_SMTP_PORT=${SERUMS_CHECK_SMTP_PORT:-12625}
rm -rf "$SERUMS_VAR"
PGID=""
fail() {  # stops the run command under test too, so that nothing is left behind
  [ -n "$PGID" ] && kill -INT -- -"$PGID" 2>/dev/null
  echo "check-run: $*" >&2
  exit 1
}

# The first run's demo adjudication: its live session named in the log, EN_CURSO in estado.json.
demo_watchable() {  # $1 = log file
  local ses state
  ses=$(sed -nE 's#.*live session +http://[^ ]*/v1/adjudicaciones/([0-9]+) .*#\1#p' "$1" | head -1)
  [ -n "$ses" ] || { tail -20 "$1" >&2; fail "the run command named no demo live session"; }
  state=$(curl -fs "http://127.0.0.1:$SERUMS_HTTP_PORT/v1/adjudicaciones/$ses/estado.json") ||
    fail "the demo session's estado.json did not answer"
  grep -Eq '"estado" *: *"EN_CURSO"' <<<"$state" || fail "the demo session is not EN_CURSO: ${state:0:200}"
}

start_and_stop() {  # $1 = log file, $2 = demo: also check the demo adjudication
  # a terminal delivers SIGINT to a shell that has not ignored it: restore the default
  setsid env --default-signal=INT,QUIT ./scripts/run.sh >"$1" 2>&1 &
  local pgid=$! i
  PGID=$pgid
  for i in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$SERUMS_HTTP_PORT/readyz" >/dev/null 2>&1 && break
    kill -0 "$pgid" 2>/dev/null || { tail -20 "$1" >&2; fail "run command exited before it was ready"; }
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$SERUMS_HTTP_PORT/healthz" >/dev/null || { tail -20 "$1" >&2; fail "/healthz did not answer"; }
  curl -fs "http://127.0.0.1:$SERUMS_HTTP_PORT/readyz" >/dev/null || fail "/readyz did not answer"
  # the banner comes after the demo adjudication (a finished sorteo, an open live session)
  for i in $(seq 1 120); do grep -q "SERUMS Digital API" "$1" && break; sleep 0.5; done
  grep -q "SERUMS Digital API" "$1" || { tail -20 "$1" >&2; fail "the run command printed no banner"; }
  grep -q "demo adjudication not created" "$1" && { tail -20 "$1" >&2; fail "the demo adjudication was not created"; }
  [ "${2:-}" = demo ] && demo_watchable "$1"
  kill -INT -- -"$pgid"
  for i in $(seq 1 60); do kill -0 "$pgid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pgid" 2>/dev/null && fail "run command still alive 30 s after Ctrl-C"
  PGID=""
  sleep 1
  # every process the run command started inherited SERUMS_VAR (postgres aside: it names the dir)
  local left="" p
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = "$$" ] && continue
    if grep -qzx "SERUMS_VAR=$SERUMS_VAR" "$p/environ" 2>/dev/null || grep -qaF "$SERUMS_VAR" "$p/cmdline" 2>/dev/null; then
      left+=" $(tr '\0' ' ' < "$p/cmdline" 2>/dev/null)"
    fi
  done
  [ -z "$left" ] || fail "processes left behind after Ctrl-C:$left"
}

start_and_stop "$SERUMS_VAR.first.log" demo
grep -q "creating PostgreSQL cluster" "$SERUMS_VAR.first.log" || fail "first run did not create the cluster"
start_and_stop "$SERUMS_VAR.second.log"
grep -q "creating PostgreSQL cluster" "$SERUMS_VAR.second.log" && fail "second run did not reuse the cluster"
grep -q "migrate: 0 applied" "$SERUMS_VAR.second.log" || fail "second run re-applied migrations"
echo "check-run: both runs served /healthz and /readyz, the first a live demo session, Ctrl-C left nothing behind, the second reused the data"
rm -rf "$SERUMS_VAR" "$SERUMS_VAR".*.log
