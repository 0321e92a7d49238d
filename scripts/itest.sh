#!/usr/bin/env bash
# scripts/itest.sh [BINARY...] - development loop: build, start the throwaway
# test stack (like test.sh, same ports and var/test/), run the given
# integration test binaries (default: all in build/), stop the stack.
#   ./scripts/itest.sh build/it_test_auth --filter 'auth/login*'
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SERUMS_ROOT"
B=${SERUMS_TEST_BUILD:-build}
build "$B" || exit 1
export SERUMS_ENV=test SERUMS_BUILD=$B
export SERUMS_VAR="$SERUMS_ROOT/${SERUMS_TEST_VAR:-var/test}"
export SERUMS_HTTP_PORT=${SERUMS_TEST_HTTP_PORT:-18080} SERUMS_PG_PORT=${SERUMS_TEST_PG_PORT:-15433}
export SERUMS_SMTP_PORT=${SERUMS_TEST_SMTP_PORT:-12525}
export SERUMS_CAPTCHA_FAKE_PORT=${SERUMS_TEST_CAPTCHA_PORT:-$((SERUMS_HTTP_PORT + 5))} SERUMS_CAPTCHA_SECRET=prueba-secreto
export SERUMS_CAPTCHA_VERIFY_URL="http://127.0.0.1:$SERUMS_CAPTCHA_FAKE_PORT/siteverify" SERUMS_CODES_PER_IP_HOUR=${SERUMS_CODES_PER_IP_HOUR:-2000}
export SERUMS_IDENTITY_FAKE_PORT=${SERUMS_TEST_IDENTITY_PORT:-$((SERUMS_HTTP_PORT + 6))} SERUMS_IDENTITY_TOKEN=prueba-identidad
export SERUMS_IDENTITY_VERIFY_URL="http://127.0.0.1:$SERUMS_IDENTITY_FAKE_PORT/identidad"
export SERUMS_AUTH_RATE=100000 SERUMS_AUTH_BURST=100000 SERUMS_NGINX_ACCESS_LOG=off SERUMS_DRAIN_SECONDS=3
export SERUMS_PG_OPTS="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
export SERUMS_SERUMSD_LOG="$SERUMS_VAR/log/serumsd-itest.log"
[ -f "$SERUMS_VAR/pg/data/postmaster.pid" ] && { stack_env; pg_stop; }
rm -rf "$SERUMS_VAR"
stack_env
export SERUMS_NOW="@$SERUMS_VAR/now"; : > "$SERUMS_VAR/now"
export SERUMS_TEST_BASE_URL="http://127.0.0.1:$SERUMS_HTTP_PORT" SERUMS_TEST_MAIL_DIR="$SERUMS_VAR/mail"
export SERUMS_TEST_NOW_FILE="$SERUMS_VAR/now" SERUMS_TEST_RESPONSES="$SERUMS_VAR/responses.jsonl"
PG_CTL="$PG_BIN/pg_ctl -D $SERUMS_VAR/pg/data -l $SERUMS_VAR/pg/postgres.log -w -o '-p $SERUMS_PG_PORT -k $SERUMS_VAR/pg/run -c listen_addresses=127.0.0.1 -c max_connections=300 $SERUMS_PG_OPTS'"
[ "$(id -u)" = 0 ] && PG_CTL="runuser -u postgres -- $PG_CTL"
export SERUMS_TEST_PG_STOP="$PG_CTL -m fast stop" SERUMS_TEST_PG_START="$PG_CTL start"
trap 'stack_stop' EXIT
stack_start || exit 1
export SERUMS_TEST_SERUMSD_PID=$SERUMSD_PID
rc=0
if [ $# -eq 0 ]; then set -- "$B"/it_test_*; fi
bins=(); args=()
for a in "$@"; do if [ -x "$a" ] && [ -f "$a" ]; then bins+=("$a"); else args+=("$a"); fi; done
for b in "${bins[@]}"; do "$b" --jobs 1 "${args[@]}" || rc=1; done
( cd frontend-contract && node scripts/validate-responses.mjs "$SERUMS_TEST_RESPONSES" ) || rc=1
grep -aE 'AddressSanitizer|runtime error:' "$SERUMS_SERUMSD_LOG" && rc=1
exit $rc
