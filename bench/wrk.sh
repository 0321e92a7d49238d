# bench/wrk.sh - sourced by the bench scripts (needs CONN and DUR): one wrk run.
# run_wrk NAME URL [SCRIPT [SCRIPT ARGS...]]: prints "NAME: R requests/s, p99 P ms" and leaves R and P
# in WRK_RPS/WRK_P99
run_wrk() {
  local name=$1 url=$2; shift 2
  local script=()
  if [ $# -gt 0 ]; then script=(-s "$1"); shift; fi
  local out; out=$(wrk -t2 -c"$CONN" -d"${DUR}s" --latency "${script[@]}" "$url" -- "$@" 2>&1)
  WRK_RPS=$(printf '%s\n' "$out" | sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p')
  local p99; p99=$(printf '%s\n' "$out" | sed -nE 's/^ *99% +([0-9.]+)(us|ms|s).*/\1 \2/p')
  WRK_P99=$(awk -v v="${p99% *}" -v u="${p99#* }" 'BEGIN { if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v }')
  local non2xx; non2xx=$(printf '%s\n' "$out" | sed -nE 's/.*Non-2xx or 3xx responses: *([0-9]+).*/\1/p')
  printf '%s: %s requests/s, p99 %s ms, non-2xx %s\n' "$name" "$WRK_RPS" "$WRK_P99" "${non2xx:-0}"
}
