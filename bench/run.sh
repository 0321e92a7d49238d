#!/usr/bin/env bash
# bench/run.sh [SECONDS] - the platform benchmark (issue 2). With wrk -t2 -c64
# on this machine it measures: nginx serving a small static file; a minimal C
# FastCGI responder through the same nginx with a new connection per request
# and with kept connections (32 workers); a minimal fastify responder behind the
# same nginx with upstream keepalive; serumsd /healthz and /readyz in both
# connection designs. Prints requests/s and p99 for each, and the ratios.
set -uo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$SERUMS_ROOT"
SECS=${1:-10}
deps_install
build build
( cd bench/fastify && [ -d node_modules ] || npm install --no-audit --no-fund --loglevel=error fastify >/dev/null )

export BENCH_VAR="$SERUMS_ROOT/var/bench-base"
rm -rf "$BENCH_VAR"; mkdir -p "$BENCH_VAR/static"
printf '{"status":"ok"}' > "$BENCH_VAR/static/healthz"
envsubst '${BENCH_VAR}' < bench/nginx-bench.conf.template > "$BENCH_VAR/nginx.conf"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; PIDS=(); }
trap 'cleanup; [ -n "${SERUMS_VAR:-}" ] && stack_stop' EXIT
build/fcgi-min "$BENCH_VAR/fcgi-a.sock" 32 & PIDS+=($!)
build/fcgi-min "$BENCH_VAR/fcgi-b.sock" 32 & PIDS+=($!)
PORT=19090 node bench/fastify/server.mjs & PIDS+=($!)
nginx -p "$BENCH_VAR" -c "$BENCH_VAR/nginx.conf" -e "$BENCH_VAR/nginx-error.log" -g 'daemon off;' & PIDS+=($!)
sleep 1

declare -A RPS P99
measure() {  # measure NAME URL
  wrk -t2 -c64 -d2s "$2" >/dev/null 2>&1   # warm-up
  local out; out=$(wrk -t2 -c64 -d"${SECS}s" --latency "$2" 2>&1)
  RPS[$1]=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print int($2)}')
  P99[$1]=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
  local errs; errs=$(printf '%s\n' "$out" | grep -E 'Non-2xx|Socket errors' | tr -s ' ' | tr '\n' ' ')
  printf '%-40s %8s req/s   p99 %-9s %s\n' "$1" "${RPS[$1]}" "${P99[$1]}" "$errs"
}

say "baselines (wrk -t2 -c64 -d${SECS}s)"
measure "nginx static file" http://127.0.0.1:19081/healthz
measure "minimal FastCGI, connection/request" http://127.0.0.1:19082/healthz
measure "minimal FastCGI, kept connections" http://127.0.0.1:19083/healthz
measure "fastify behind nginx (keepalive)" http://127.0.0.1:19084/healthz
cleanup

export SERUMS_ENV=test SERUMS_VAR="$SERUMS_ROOT/var/bench" SERUMS_HTTP_PORT=19080 SERUMS_PG_PORT=19433 SERUMS_SMTP_PORT=19525
export SERUMS_NGINX_ACCESS_LOG=off SERUMS_SERUMSD_LOG="$SERUMS_ROOT/var/bench/serumsd.log" SERUMS_DRAIN_SECONDS=2
for design in "per-request:4:0" "kept:32:8"; do
  IFS=: read -r name workers keep <<<"$design"
  export SERUMS_WORKERS=$workers SERUMS_FCGI_KEEPALIVE=$keep
  stack_env
  stack_start >/dev/null 2>&1 || { say "stack failed"; exit 1; }
  say "serumsd, $name connections ($workers workers, keepalive $keep per nginx worker)"
  measure "serumsd /healthz ($name)" "http://127.0.0.1:19080/healthz"
  measure "serumsd /readyz ($name)" "http://127.0.0.1:19080/readyz"
  stack_stop
done

best=${RPS["minimal FastCGI, kept connections"]}
[ "${RPS["minimal FastCGI, connection/request"]}" -gt "$best" ] && best=${RPS["minimal FastCGI, connection/request"]}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
say "ratios against the best minimal FastCGI configuration ($best req/s)"
for k in "serumsd /healthz (kept)" "serumsd /readyz (kept)" "serumsd /healthz (per-request)" "serumsd /readyz (per-request)" "fastify behind nginx (keepalive)" "nginx static file"; do
  printf '%-40s %s\n' "$k" "$(ratio "${RPS[$k]}" "$best")"
done
