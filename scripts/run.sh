#!/usr/bin/env bash
# scripts/run.sh - the run command: install what is missing, build, start a
# PostgreSQL cluster under var/ (reused on the next run), migrate, seed, and
# serve http://127.0.0.1:8080 through nginx with the workers, the mailer and
# the SMTP sink (messages in var/mail/), in the foreground until Ctrl-C.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$SERUMS_ROOT"

deps_install
build build
export SERUMS_ENV=${SERUMS_ENV:-development}
stack_env
trap 'trap - INT TERM EXIT; say "stopping"; stack_stop; exit 0' INT TERM EXIT
stack_start || exit 1
"$SERUMS_ROOT/scripts/demo-adjudicacion.sh" || say "demo adjudication not created (see above)"

cat <<MSG

  SERUMS Digital API   http://127.0.0.1:$SERUMS_HTTP_PORT/v1/
  OpenAPI              http://127.0.0.1:$SERUMS_HTTP_PORT/openapi.yaml
  Health               http://127.0.0.1:$SERUMS_HTTP_PORT/healthz  /readyz  /metrics
  Mail (SMTP sink)     $SERUMS_VAR/mail/
  Database             psql "$SERUMS_DATABASE_URL"
  Demo users (password serums-dev-2026):
    admin@serums.test  diresa.amazonas@serums.test  diresa.cusco@serums.test

  Ctrl-C stops everything.
MSG
# Foreground until a component dies or Ctrl-C arrives.
wait -n "${STACK_PIDS[@]}" || true
say "a component exited; stopping the rest"
