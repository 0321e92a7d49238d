#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS] - builds the libFuzzer targets with clang (build-fuzz/)
# and runs each for SECONDS (default 60) over a copy of its seed corpus in
# fuzz/corpus/<name>. Prints "fuzz ok NAME" or "fuzz FAILED NAME" per target.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
CC=clang cmake -S "$root" -B "$root/build-fuzz" -DSERUMS_FUZZ=ON -DSERUMS_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
cmake --build "$root/build-fuzz" -j"$(nproc)" >/dev/null 2>"$root/build-fuzz.log" || { cat "$root/build-fuzz.log"; exit 1; }
rc=0
for bin in "$root"/build-fuzz/fuzz_*; do
  name=$(basename "$bin"); short=${name#fuzz_}
  work="$root/build-fuzz/corpus-$short"; mkdir -p "$work"
  seeds="$root/fuzz/corpus/$short"
  extra=()
  [ -f "$root/fuzz/dict/$short.dict" ] && extra+=("-dict=$root/fuzz/dict/$short.dict")
  if ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$secs" -max_len=70000 -rss_limit_mb=2048 \
       -artifact_prefix="$root/build-fuzz/crash-$short-" "${extra[@]}" "$work" "$seeds" >"$root/build-fuzz/$short.log" 2>&1; then
    echo "fuzz ok $short ($(grep -aoE 'cov: [0-9]+' "$root/build-fuzz/$short.log" | tail -1))"
  else
    echo "fuzz FAILED $short"; tail -30 "$root/build-fuzz/$short.log"; rc=1
  fi
done
exit $rc
