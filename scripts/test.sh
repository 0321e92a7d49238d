#!/usr/bin/env bash
# scripts/test.sh - the test command: install, build (plain and ASan+UBSan),
# run the unit tests, start a throwaway stack on other ports (var/test/), run
# the integration tests through nginx against both builds, validate every
# recorded response against openapi/openapi.yaml, lint the contract, check the
# generated TypeScript types, run the browser tests and a short fuzz pass, and
# print one summary line: "N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SERUMS_ROOT"
set -e
deps_install
npm_install
B=${SERUMS_TEST_BUILD:-build}
build "$B"
build "$B-asan" -DSERUMS_SANITIZE=ON
set +e

PASSED=0 FAILED=0 FAILURES=()
tally() {  # tally NAME PASSED FAILED
  PASSED=$((PASSED + $2)); FAILED=$((FAILED + $3))
  [ "$3" -gt 0 ] && FAILURES+=("$1 ($3)")
  printf '    %-44s %4d passed %4d failed\n' "$1" "$2" "$3"
}
# run a Criterion binary and count its Synthesis line
criterion() {
  local name=$1; shift
  local out; out=$("$@" --jobs 1 2>&1); local rc=$?
  local syn; syn=$(printf '%s\n' "$out" | grep -a 'Synthesis:' | tail -1)
  local tested passing
  tested=$(printf '%s' "$syn" | sed -nE 's/.*Tested: ([0-9]+).*/\1/p')
  passing=$(printf '%s' "$syn" | sed -nE 's/.*Passing: ([0-9]+).*/\1/p')
  if [ -z "$tested" ]; then tested=1; passing=0; fi
  local failed=$((tested - passing))
  [ $rc -ne 0 ] && [ $failed -eq 0 ] && failed=1
  [ $failed -gt 0 ] && printf '%s\n' "$out" | grep -avE '^\[----\] +$' | grep -aE 'FAIL|CRASH|Assertion|expected|error|warning' | head -40 >&2
  tally "$name" "$passing" "$failed"
}
step() {  # step NAME cmd... : one check that passes or fails
  local name=$1; shift
  local out; out=$("$@" 2>&1)
  if [ $? -eq 0 ]; then tally "$name" 1 0; else printf '%s\n' "$out" | tail -40 >&2; tally "$name" 0 1; fi
}

say "unit tests"
for build_dir in "$B" "$B-asan"; do
  for t in "$build_dir"/unit_test_* "$build_dir"/domain_test_*; do criterion "$build_dir/$(basename "$t")" "$t"; done
done

say "contract"
step "openapi.yaml built from parts" bash -c "cd frontend-contract && node scripts/build-openapi.mjs --check"
step "every served route is in openapi.yaml, and back" bash -c "$B/serumsd routes | (cd frontend-contract && node scripts/check-routes.mjs)"
step "openapi lint (redocly)" bash -c "cd frontend-contract && npx --no-install redocly lint ../openapi/openapi.yaml --format=stylish"
step "typescript types current" bash -c "cd frontend-contract && node scripts/check-types.mjs"
step "every problem code is in api/problemas.def" bash -c "cd frontend-contract && node scripts/check-problem-codes.mjs"
step "typescript SPA client type-checks (openapi-fetch)" bash -c "cd frontend-contract && npx --no-install tsc --noEmit -p client"
step "every operation has examples that match their schemas" bash -c "cd frontend-contract && node scripts/check-examples.mjs"
step "no result column read by number in api/ and cmd/ (db_field by name)" bash -c "! grep -rnE 'db_val\\(' api cmd"
step "C sources formatted as .clang-format says" bash -c "clang-format --dry-run --Werror src/*.[ch] domain/*.[ch] api/*.[ch] cmd/*.[ch] tools/*.c"

# --- the throwaway stack ---
export SERUMS_ENV=test
export SERUMS_VAR="$SERUMS_ROOT/${SERUMS_TEST_VAR:-var/test}"
export SERUMS_HTTP_PORT=${SERUMS_TEST_HTTP_PORT:-18080} SERUMS_PG_PORT=${SERUMS_TEST_PG_PORT:-15433}
export SERUMS_SMTP_PORT=${SERUMS_TEST_SMTP_PORT:-12525}
export SERUMS_CAPTCHA_FAKE_PORT=${SERUMS_TEST_CAPTCHA_PORT:-$((SERUMS_HTTP_PORT + 5))} SERUMS_CAPTCHA_SECRET=prueba-secreto
export SERUMS_CAPTCHA_VERIFY_URL="http://127.0.0.1:$SERUMS_CAPTCHA_FAKE_PORT/siteverify" SERUMS_CODES_PER_IP_HOUR=${SERUMS_CODES_PER_IP_HOUR:-2000}
export SERUMS_IDENTITY_FAKE_PORT=${SERUMS_TEST_IDENTITY_PORT:-$((SERUMS_HTTP_PORT + 6))} SERUMS_IDENTITY_TOKEN=prueba-identidad
export SERUMS_IDENTITY_VERIFY_URL="http://127.0.0.1:$SERUMS_IDENTITY_FAKE_PORT/identidad"
export SERUMS_AUTH_RATE=100000 SERUMS_AUTH_BURST=100000 SERUMS_NGINX_ACCESS_LOG=off
export SERUMS_PG_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
export SERUMS_DRAIN_SECONDS=3
[ -f "$SERUMS_VAR/pg/data/postmaster.pid" ] && { stack_env; pg_stop; }
rm -rf "$SERUMS_VAR"
stack_env
export SERUMS_NOW="@$SERUMS_VAR/now"
: > "$SERUMS_VAR/now"
export SERUMS_TEST_BASE_URL="http://127.0.0.1:$SERUMS_HTTP_PORT" SERUMS_TEST_MAIL_DIR="$SERUMS_VAR/mail"
export SERUMS_TEST_NOW_FILE="$SERUMS_VAR/now" SERUMS_TEST_RESPONSES="$SERUMS_VAR/responses.jsonl"
PG_CTL="$PG_BIN/pg_ctl -D $SERUMS_VAR/pg/data -l $SERUMS_VAR/pg/postgres.log -w -o '-p $SERUMS_PG_PORT -k $SERUMS_VAR/pg/run -c listen_addresses=127.0.0.1 -c max_connections=300 $SERUMS_PG_OPTS'"
if [ "$(id -u)" = 0 ]; then PG_CTL="runuser -u postgres -- $PG_CTL"; fi
export SERUMS_TEST_PG_STOP="$PG_CTL -m fast stop" SERUMS_TEST_PG_START="$PG_CTL start"
trap 'stack_stop' EXIT

for build_dir in "$B" "$B-asan"; do
  say "integration tests ($build_dir)"
  export SERUMS_BUILD=$build_dir SERUMS_SERUMSD_LOG="$SERUMS_VAR/log/serumsd-$build_dir.log"
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  : > "$SERUMS_VAR/now"
  stack_start || { tally "stack start ($build_dir)" 0 1; stack_stop; continue; }
  export SERUMS_TEST_SERUMSD_PID=$SERUMSD_PID
  # binaries of suites that became named steps (itd_*) may linger in an old build directory
  rm -f "$build_dir"/it_test_zz_resilience "$build_dir"/it_test_zzz_shutdown
  for t in "$build_dir"/it_test_*; do criterion "$build_dir/$(basename "$t")" "$t"; done
  # the suites that disturb the stack, in this order, each a named step
  criterion "resilience: worker SIGKILL, SIGHUP, database outage ($build_dir)" "$build_dir/itd_test_resilience"
  criterion "shutdown: SIGTERM drains, nginx answers problem+json ($build_dir)" "$build_dir/itd_test_shutdown"
  stack_stop
  if grep -aqE 'AddressSanitizer|LeakSanitizer|runtime error:' "$SERUMS_SERUMSD_LOG" 2>/dev/null; then
    grep -aE -A12 'AddressSanitizer|LeakSanitizer|runtime error:' "$SERUMS_SERUMSD_LOG" | head -60 >&2
    tally "sanitizer report in serumsd ($build_dir)" 0 1
  else
    tally "no sanitizer report in serumsd ($build_dir)" 1 0
  fi
done

say "responses against the OpenAPI schemas"
out=$(cd frontend-contract && node scripts/validate-responses.mjs "$SERUMS_TEST_RESPONSES" 2>&1); rc=$?
printf '%s\n' "$out" | tail -25 >&2
ok=$(printf '%s' "$out" | sed -nE 's/^validated: ([0-9]+) ok, ([0-9]+) failed.*/\1/p' | tail -1)
bad=$(printf '%s' "$out" | sed -nE 's/^validated: ([0-9]+) ok, ([0-9]+) failed.*/\2/p' | tail -1)
[ -z "$ok" ] && { ok=0; bad=1; }
[ $rc -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
# one check: every recorded response matches its documented schema
if [ "$bad" -eq 0 ]; then tally "all $ok responses match openapi.yaml" 1 0; else tally "responses match openapi.yaml ($bad of $((ok + bad)) do not)" 0 1; fi

if ls frontend-contract/tests/*.browser.mjs >/dev/null 2>&1; then
  say "browser tests (chromium)"
  export SERUMS_BUILD="$B" SERUMS_SERUMSD_LOG="$SERUMS_VAR/log/serumsd-browser.log"
  if stack_start; then
    for t in frontend-contract/tests/*.browser.mjs; do step "browser $(basename "$t")" node "$t"; done
  else
    tally "stack start (browser)" 0 1
  fi
  stack_stop
fi

say "the run command (start, Ctrl-C, restart)"
step "run command: Ctrl-C leaves nothing, data reused" ./scripts/check-run.sh

if [ "${SERUMS_FUZZ_SECONDS:-10}" -gt 0 ]; then
  say "fuzzing (${SERUMS_FUZZ_SECONDS:-10}s per target)"
  if out=$(bash scripts/fuzz.sh "${SERUMS_FUZZ_SECONDS:-10}" 2>&1); then
    n=$(printf '%s\n' "$out" | grep -c '^fuzz ok')
    tally "fuzz targets without a crash" "$n" 0
  else
    printf '%s\n' "$out" | tail -30 >&2
    n=$(printf '%s\n' "$out" | grep -c '^fuzz ok'); f=$(printf '%s\n' "$out" | grep -c '^fuzz FAILED')
    tally "fuzz targets without a crash" "$n" "$((f > 0 ? f : 1))"
  fi
fi

echo
[ ${#FAILURES[@]} -gt 0 ] && printf 'failing: %s\n' "${FAILURES[*]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
