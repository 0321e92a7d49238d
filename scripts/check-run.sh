#!/usr/bin/env bash
# scripts/check-run.sh - tests the run command as a newcomer uses it: start it
# (own var/ and ports), wait until /readyz answers, Ctrl-C its process group,
# require that no process it started is left; start it again and require that
# it reuses the cluster and the data. Exit 0 = pass.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export SERUMS_ENV=development   # explicit: serumsd is production without it
export SERUMS_VAR="$root/var/test-run" SERUMS_HTTP_PORT=${SERUMS_CHECK_HTTP_PORT:-18180}
export SERUMS_PG_PORT=${SERUMS_CHECK_PG_PORT:-15533} SERUMS_SMTP_PORT=${SERUMS_CHECK_SMTP_PORT:-12625}
rm -rf "$SERUMS_VAR"
fail() { echo "check-run: $*" >&2; exit 1; }

start_and_stop() {  # $1 = log file
  # a terminal delivers SIGINT to a shell that has not ignored it: restore the default
  setsid env --default-signal=INT,QUIT ./scripts/run.sh >"$1" 2>&1 &
  local pgid=$! i
  for i in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$SERUMS_HTTP_PORT/readyz" >/dev/null 2>&1 && break
    kill -0 "$pgid" 2>/dev/null || { tail -20 "$1" >&2; fail "run command exited before it was ready"; }
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$SERUMS_HTTP_PORT/healthz" >/dev/null || { tail -20 "$1" >&2; fail "/healthz did not answer"; }
  curl -fs "http://127.0.0.1:$SERUMS_HTTP_PORT/readyz" >/dev/null || fail "/readyz did not answer"
  kill -INT -- -"$pgid"
  for i in $(seq 1 60); do kill -0 "$pgid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pgid" 2>/dev/null && fail "run command still alive 30 s after Ctrl-C"
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

start_and_stop "$SERUMS_VAR.first.log"
grep -q "creating PostgreSQL cluster" "$SERUMS_VAR.first.log" || fail "first run did not create the cluster"
start_and_stop "$SERUMS_VAR.second.log"
grep -q "creating PostgreSQL cluster" "$SERUMS_VAR.second.log" && fail "second run did not reuse the cluster"
grep -q "migrate: 0 applied" "$SERUMS_VAR.second.log" || fail "second run re-applied migrations"
echo "check-run: both runs served /healthz and /readyz, Ctrl-C left nothing behind, the second reused the data"
rm -rf "$SERUMS_VAR" "$SERUMS_VAR".*.log
