# scripts/lib.sh - shared by run.sh, test.sh and bench/: install what is
# missing (Debian packages; npm only inside frontend-contract/), build, and
# start/stop a local stack (PostgreSQL under $SERUMS_VAR, SMTP sink, serumsd,
# nginx). Sourced, not executed.

SERUMS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
DEB_PACKAGES="build-essential cmake pkg-config git curl ca-certificates gettext-base procps
  postgresql-15 postgresql-contrib nginx-light
  libfcgi-dev libfcgi-bin libpq-dev libyajl-dev libjwt-dev libsodium-dev libcurl4-openssl-dev libhpdf-dev
  libcriterion-dev clang clang-format libclang-rt-14-dev poppler-utils wrk nodejs npm chromium"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

deps_install() {
  local missing=() p
  for p in $DEB_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # a Node.js that the image ships outside Debian counts as installed
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local kept=()
    for p in "${missing[@]}"; do [ "$p" = nodejs ] || [ "$p" = npm ] || kept+=("$p"); done
    missing=("${kept[@]}")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

npm_install() {
  ( cd "$SERUMS_ROOT/frontend-contract" &&
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      say "installing frontend-contract npm packages"
      npm ci --no-audit --no-fund --loglevel=error
    fi )
}

# build DIR [extra cmake args...]
build() {
  local dir=$1; shift
  say "building $dir"
  cmake -S "$SERUMS_ROOT" -B "$SERUMS_ROOT/$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSERUMS_TESTS=ON "$@" >/dev/null
  cmake --build "$SERUMS_ROOT/$dir" -j"$(nproc)" >/dev/null 2>"$SERUMS_ROOT/$dir.log" || { cat "$SERUMS_ROOT/$dir.log" >&2; die "build failed ($dir)"; }
}

# stack_env: sets every SERUMS_* variable from SERUMS_VAR and the port base.
stack_env() {
  : "${SERUMS_VAR:=$SERUMS_ROOT/var}"
  : "${SERUMS_HTTP_PORT:=8080}"
  : "${SERUMS_PG_PORT:=5433}"
  : "${SERUMS_SMTP_PORT:=2525}"
  : "${SERUMS_BUILD:=build}"
  mkdir -p "$SERUMS_VAR"/{run,log,mail,nginx} "$SERUMS_VAR/pg"
  SERUMS_VAR=$(cd "$SERUMS_VAR" && pwd)
  export SERUMS_VAR SERUMS_HTTP_PORT SERUMS_PG_PORT SERUMS_SMTP_PORT SERUMS_ROOT
  # one socket per worker pool (bulkheads): general, public reads, password hashing
  export SERUMS_SOCKET="$SERUMS_VAR/run/serumsd.sock" SERUMS_SOCKET_ABS="$SERUMS_VAR/run/serumsd.sock"
  export SERUMS_SOCKET_PUBLIC="$SERUMS_VAR/run/serumsd-public.sock" SERUMS_SOCKET_PUBLIC_ABS="$SERUMS_VAR/run/serumsd-public.sock"
  export SERUMS_SOCKET_AUTH="$SERUMS_VAR/run/serumsd-auth.sock" SERUMS_SOCKET_AUTH_ABS="$SERUMS_VAR/run/serumsd-auth.sock"
  export SERUMS_DATABASE_URL="host=$SERUMS_VAR/pg/run port=$SERUMS_PG_PORT dbname=serums user=serums"
  export SERUMS_SMTP_URL="smtp://127.0.0.1:$SERUMS_SMTP_PORT"
  export SERUMS_MIGRATIONS_DIR="$SERUMS_ROOT/db/migrations"
  : "${SERUMS_DATA_DIR:=$SERUMS_ROOT/../shared/data}"
  export SERUMS_DATA_DIR
  : "${SERUMS_CORS_ORIGINS:=http://localhost:5173 http://127.0.0.1:5173}"
  export SERUMS_CORS_ORIGINS
  secret_ensure
}

# secret_ensure: SERUMS_JWT_SECRET from the environment, or the random one
# kept in $SERUMS_VAR/secrets/jwt (made on first use, mode 600). serumsd has
# no secret of its own and refuses to start without one.
secret_ensure() {
  [ -n "${SERUMS_JWT_SECRET:-}" ] && { export SERUMS_JWT_SECRET; return 0; }
  local f="$SERUMS_VAR/secrets/jwt"
  if [ ! -s "$f" ]; then
    mkdir -p "$SERUMS_VAR/secrets" && chmod 700 "$SERUMS_VAR/secrets"
    ( umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n=' > "$f" )
    say "generated a random JWT secret in $f"
  fi
  SERUMS_JWT_SECRET=$(cat "$f")
  export SERUMS_JWT_SECRET
}

# PostgreSQL refuses to run as root: its binaries run as `postgres` then.
pg_run() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local data="$SERUMS_VAR/pg/data"
  mkdir -p "$SERUMS_VAR/pg/run"
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres:postgres "$SERUMS_VAR/pg"
    if ! runuser -u postgres -- test -x "$SERUMS_VAR/pg"; then
      # the cluster lives in the checkout: let postgres traverse (not list) its parents
      local d="$SERUMS_VAR"
      while [ "$d" != / ]; do
        d=$(dirname "$d")
        if ! runuser -u postgres -- test -x "$d"; then say "granting traverse permission (o+x) on $d to postgres"; chmod o+x "$d"; fi
      done
      runuser -u postgres -- test -x "$SERUMS_VAR/pg" || { say "the postgres user cannot reach $SERUMS_VAR/pg"; return 1; }
    fi
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    say "creating PostgreSQL cluster in $data"
    pg_run "$PG_BIN/initdb" -D "$data" -U serums --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_run "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    say "starting PostgreSQL on port $SERUMS_PG_PORT"
    pg_run "$PG_BIN/pg_ctl" -D "$data" -l "$SERUMS_VAR/pg/postgres.log" -w -t 60 \
      -o "-p $SERUMS_PG_PORT -k $SERUMS_VAR/pg/run -c listen_addresses=127.0.0.1 -c max_connections=300 ${SERUMS_PG_OPTS:-}" \
      start >/dev/null || { tail -20 "$SERUMS_VAR/pg/postgres.log" >&2; say "PostgreSQL did not start"; return 1; }
  fi
  pg_run "$PG_BIN/psql" -h "$SERUMS_VAR/pg/run" -p "$SERUMS_PG_PORT" -U serums -d postgres -qtAc \
    "select 1 from pg_database where datname='serums'" | grep -q 1 ||
    pg_run "$PG_BIN/createdb" -h "$SERUMS_VAR/pg/run" -p "$SERUMS_PG_PORT" -U serums serums
}

pg_stop() {
  [ -f "$SERUMS_VAR/pg/data/postmaster.pid" ] &&
    pg_run "$PG_BIN/pg_ctl" -D "$SERUMS_VAR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}

nginx_render() {
  local origins="" o
  for o in $SERUMS_CORS_ORIGINS; do origins+="        \"$o\" \$http_origin;"$'\n'; done
  export CORS_MAP="$origins"
  export NGINX_USER_LINE=""
  [ "$(id -u)" = 0 ] && NGINX_USER_LINE="user root root;"
  export NGINX_WORKERS="${SERUMS_NGINX_WORKERS:-2}"
  export NGINX_ACCESS_LOG="${SERUMS_NGINX_ACCESS_LOG:-$SERUMS_VAR/log/nginx-access.log}"
  export SERUMS_AUTH_RATE="${SERUMS_AUTH_RATE:-20}" SERUMS_AUTH_BURST="${SERUMS_AUTH_BURST:-200}"
  export SERUMS_AUTH_DELAY="${SERUMS_AUTH_DELAY:-40}"
  # Kept FastCGI connections pin a libfcgi worker each, and new connections
  # then wait in the backlog: off unless asked for (see bench/README.md).
  local keep=${SERUMS_FCGI_KEEPALIVE:-0}
  if [ "$keep" -gt 0 ]; then
    export UPSTREAM_KEEPALIVE="keepalive $keep; keepalive_timeout 5s;" FASTCGI_KEEP_CONN=on
  else
    export UPSTREAM_KEEPALIVE="" FASTCGI_KEEP_CONN=off
  fi
  export HSTS_LINE=""
  local vars='${NGINX_USER_LINE} ${NGINX_WORKERS} ${SERUMS_VAR} ${NGINX_ACCESS_LOG} ${CORS_MAP} ${SERUMS_AUTH_RATE} ${SERUMS_AUTH_BURST} ${SERUMS_AUTH_DELAY} ${SERUMS_SOCKET_ABS} ${SERUMS_SOCKET_PUBLIC_ABS} ${SERUMS_SOCKET_AUTH_ABS} ${UPSTREAM_KEEPALIVE} ${SERUMS_HTTP_PORT} ${SERUMS_ROOT} ${FASTCGI_KEEP_CONN} ${HSTS_LINE}'
  mkdir -p "$SERUMS_VAR/nginx"
  # the route -> pool map comes from the route table of the binary being served
  "$SERUMS_ROOT/${SERUMS_BUILD:-build}/serumsd" routes --nginx > "$SERUMS_VAR/nginx/pools.conf" || { say "serumsd routes --nginx failed"; return 1; }
  docs_build
  envsubst "$vars" < "$SERUMS_ROOT/nginx/docs-headers.conf.template" > "$SERUMS_VAR/nginx/docs-headers.conf"
  envsubst "$vars" < "$SERUMS_ROOT/nginx/serums.conf.template" > "$SERUMS_VAR/nginx/nginx.conf"
  envsubst "$vars" < "$SERUMS_ROOT/nginx/fastcgi.conf.template" > "$SERUMS_VAR/nginx/fastcgi.conf"
  envsubst "$vars" < "$SERUMS_ROOT/nginx/headers.conf.template" > "$SERUMS_VAR/nginx/headers.conf"
  envsubst "$vars" < "$SERUMS_ROOT/nginx/problems.conf.template" > "$SERUMS_VAR/nginx/problems.conf"
  envsubst "$vars" < "$SERUMS_ROOT/nginx/publico.conf.template" > "$SERUMS_VAR/nginx/publico.conf"
  nginx -t -q -p "$SERUMS_VAR/nginx" -c "$SERUMS_VAR/nginx/nginx.conf" -e stderr || { say "nginx configuration invalid"; return 1; }
}

# docs_build: the API reference at /docs, a static page built offline from
# openapi.yaml by redocly (frontend-contract); rebuilt when the contract changes.
docs_build() {
  local out="$SERUMS_VAR/docs/index.html"
  mkdir -p "$SERUMS_VAR/docs"
  [ -s "$out" ] && [ "$out" -nt "$SERUMS_ROOT/openapi/openapi.yaml" ] && return 0
  if ! ( cd "$SERUMS_ROOT/frontend-contract" &&
         REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly build-docs ../openapi/openapi.yaml -o "$out" >/dev/null 2>"$SERUMS_VAR/log/docs-build.log" ); then
    say "redocly build-docs failed (see $SERUMS_VAR/log/docs-build.log); /docs serves a pointer to /openapi.yaml"
    printf '<!doctype html><meta charset="utf-8"><title>SERUMS Digital API</title><p>See <a href="/openapi.yaml">openapi.yaml</a>.</p>\n' > "$out"
  fi
}

STACK_PIDS=()

# stack_start: sink, migrate, (seed), serumsd, nginx; every pid in STACK_PIDS.
stack_start() {
  local bin="$SERUMS_ROOT/$SERUMS_BUILD/serumsd"
  pg_start || return 1
  "$bin" smtp-sink --listen "127.0.0.1:$SERUMS_SMTP_PORT" --dir "$SERUMS_VAR/mail" 2>>"$SERUMS_VAR/log/smtp-sink.log" &
  STACK_PIDS+=($!)
  if [ -n "${SERUMS_CAPTCHA_FAKE_PORT:-}" ]; then   # local siteverify fake (tests)
    node "$SERUMS_ROOT/frontend-contract/fakes/captcha-verifier.mjs" "$SERUMS_CAPTCHA_FAKE_PORT" 2>>"$SERUMS_VAR/log/captcha-fake.log" &
    STACK_PIDS+=($!)
  fi
  if [ -n "${SERUMS_IDENTITY_FAKE_PORT:-}" ]; then   # local identity registry fake (tests)
    node "$SERUMS_ROOT/frontend-contract/fakes/identity-verifier.mjs" "$SERUMS_IDENTITY_FAKE_PORT" 2>>"$SERUMS_VAR/log/identity-fake.log" &
    STACK_PIDS+=($!)
  fi
  "$bin" migrate || { say "migrations failed"; return 1; }
  if [ "${SERUMS_SEED:-1}" = 1 ]; then "$bin" seed || { say "seed failed"; return 1; }; fi
  if [ -n "${SERUMS_SERUMSD_LOG:-}" ]; then
    "$bin" serve 2>>"$SERUMS_SERUMSD_LOG" &
  else
    "$bin" serve &
  fi
  SERUMSD_PID=$!
  STACK_PIDS+=($SERUMSD_PID)
  nginx_render || return 1
  nginx -p "$SERUMS_VAR/nginx" -c "$SERUMS_VAR/nginx/nginx.conf" -e "$SERUMS_VAR/log/nginx-error.log" -g 'daemon off;' &
  NGINX_PID=$!
  STACK_PIDS+=($NGINX_PID)
  wait_http "http://127.0.0.1:$SERUMS_HTTP_PORT/readyz" 60 || { say "the stack did not become ready (see $SERUMS_VAR/log)"; return 1; }
}

wait_http() {
  local url=$1 tries=$(( $2 * 10 ))
  while [ $tries -gt 0 ]; do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.1
    tries=$((tries - 1))
  done
  return 1
}

stack_stop() {
  local p
  for p in "${STACK_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${STACK_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  STACK_PIDS=()
  pg_stop
}
