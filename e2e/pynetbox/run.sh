#!/usr/bin/env bash
# Run the pynetbox compatibility suite.
#
#   NB_URL=http://127.0.0.1:8001 NB_TOKEN=nbt_xxx.yyy [NB_PASSWORD=admin] bash e2e/pynetbox/run.sh
#       -> runs against that server as is
#   bash e2e/pynetbox/run.sh
#       -> migrates and starts Ironbox ($IRONBOX_BIN, default target/release/ironbox, else target/debug/ironbox)
#          on a fresh SQLite file (or a fresh PostgreSQL database when $TEST_DATABASE_URL is a postgres URL),
#          mints a token with `ironbox token create --user admin`, runs the suite, stops the server.
#
# Other knobs: PYNETBOX_VENV (venv dir), JUNIT_XML (path for --junitxml), extra args are passed to pytest
# (e.g. `bash run.sh -k prefixes -x`). Exit code is pytest's; "no tests collected" (5) counts as failure.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV=${PYNETBOX_VENV:-$HOME/.cache/ironbox-pynetbox-venv}
log() { printf '[pynetbox-e2e] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- Python >= 3.12 venv
find_python() {
  local c
  for c in python3.12 $HOME/.pyenv/versions/3.12*/bin/python3 python3.13 $HOME/.pyenv/versions/3.13*/bin/python3 \
           python3.14 /usr/local/bin/python3 /usr/bin/python3 python3; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys,ssl; sys.exit(0 if sys.version_info>=(3,12) else 1)' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info>=(3,12) else 1)'; then
  PY=$(find_python) || {
    log "ERROR: pynetbox 7.9 needs Python >= 3.12 and none was found"
    log "       (looked for python3.12/3.13/3.14 on PATH and ~/.pyenv/versions/3.1[23]*)"
    exit 1
  }
  log "creating venv $VENV with $PY ($("$PY" --version 2>&1))"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi
if ! cmp -s "$HERE/requirements.txt" "$VENV/.requirements.txt" 2>/dev/null; then
  log "pip install -r requirements.txt"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/.requirements.txt"
fi

PYTEST_ARGS=(-q)
[ -n "${JUNIT_XML:-}" ] && PYTEST_ARGS+=("--junitxml=$JUNIT_XML")

run_pytest() {
  local rc=0
  (cd "$HERE" && "$VENV/bin/python" -m pytest "${PYTEST_ARGS[@]}" "$@") || rc=$?
  if [ "$rc" = 5 ]; then
    log "ERROR: pytest collected no tests"
    rc=1
  fi
  return "$rc"
}

# ---------------------------------------------------------------- against a given server
if [ -n "${NB_URL:-}" ]; then
  : "${NB_TOKEN:?NB_TOKEN must be set together with NB_URL}"
  export NB_URL NB_TOKEN
  [ -n "${NB_PASSWORD:-}" ] && export NB_PASSWORD
  log "running against $NB_URL"
  rc=0; run_pytest "$@" || rc=$?
  exit "$rc"
fi

# ---------------------------------------------------------------- start Ironbox ourselves
BIN=${IRONBOX_BIN:-}
if [ -z "$BIN" ]; then
  if [ -x "$ROOT/target/release/ironbox" ]; then BIN=$ROOT/target/release/ironbox
  else BIN=$ROOT/target/debug/ironbox; fi
fi
case "$BIN" in /*) ;; *) BIN=$ROOT/$BIN ;; esac
[ -x "$BIN" ] || { log "ERROR: Ironbox binary not found at $BIN (build it first or set IRONBOX_BIN)"; exit 1; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ironbox-pynetbox.XXXXXX")
SERVER_PID=
PG_DB=
PG_HOST=127.0.0.1
PG_PORT=5432
PG_USER=postgres
PG_PASS=
RC=1

free_port() {
  "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# HTTP status code of GET $1 (with "Authorization: Bearer $2" when given), 000 when nothing answers.
http_code() {
  "$VENV/bin/python" - "$@" <<'EOF'
import sys, urllib.request, urllib.error
req = urllib.request.Request(sys.argv[1])
if len(sys.argv) > 2:
    req.add_header("Authorization", "Bearer " + sys.argv[2])
try:
    print(urllib.request.urlopen(req, timeout=5).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception:
    print("000")
EOF
}

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$RC" != 0 ] && [ -f "$TMP/server.log" ]; then
    log "---- last 80 lines of the Ironbox log ($TMP/server.log) ----"
    tail -n 80 "$TMP/server.log" >&2 || true
  fi
  if [ -n "$PG_DB" ]; then
    dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists "$PG_DB" 2>/dev/null \
      || log "warning: could not drop database $PG_DB"
  fi
  if [ "$RC" = 0 ]; then rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  case "$TEST_DATABASE_URL" in
    postgres://*|postgresql://*)
      # Fresh database per run (created with createdb on the URL's server, default postgres@127.0.0.1:5432),
      # dropped afterwards. The URL's database name is replaced; credentials/host/options are kept.
      PG_DB=ironbox_e2e_$$
      eval "$("$VENV/bin/python" - "$TEST_DATABASE_URL" "$PG_DB" <<'EOF'
import shlex, sys
from urllib.parse import urlsplit, urlunsplit, unquote
u = urlsplit(sys.argv[1])
vals = {
    "PG_HOST": u.hostname or "127.0.0.1",
    "PG_PORT": str(u.port or 5432),
    "PG_USER": unquote(u.username or "postgres"),
    "PG_PASS": unquote(u.password or ""),
    "DB_URL": urlunsplit((u.scheme, u.netloc, "/" + sys.argv[2], u.query, u.fragment)),
}
for k, v in vals.items():
    print(f"{k}={shlex.quote(v)}")
EOF
)"
      [ -n "$PG_PASS" ] && export PGPASSWORD="$PG_PASS"
      log "creating PostgreSQL database $PG_DB on $PG_HOST:$PG_PORT (user $PG_USER)"
      createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$PG_DB" \
        || { PG_DB=; log "ERROR: createdb failed"; exit 1; }
      ;;
    *) DB_URL=$TEST_DATABASE_URL ;;
  esac
else
  DB_URL="sqlite://$TMP/ironbox.db?mode=rwc"
fi

PORT=$(free_port)
export IRONBOX_DATABASE__URL="$DB_URL"
export IRONBOX_SERVER__LISTEN="127.0.0.1:$PORT"
export IRONBOX_ADMIN_PASSWORD=admin
cd "$TMP"   # the server's working directory: whatever it writes lands in the temp dir

log "migrating ($BIN migrate)"
"$BIN" migrate >"$TMP/migrate.log" 2>&1 || { log "ERROR: migrate failed"; cat "$TMP/migrate.log" >&2; exit 1; }

log "starting Ironbox on 127.0.0.1:$PORT"
"$BIN" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
NB_URL="http://127.0.0.1:$PORT"

# 1. wait until the server answers HTTP at all (any status: no token yet)
up=
for _ in $(seq 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then log "ERROR: Ironbox exited early"; exit 1; fi
  code=$(http_code "$NB_URL/api/status/")
  if [ -n "$code" ] && [ "$code" != 000 ]; then up=1; break; fi
  sleep 0.5
done
[ -n "$up" ] || { log "ERROR: $NB_URL did not answer within 60 s"; exit 1; }

# 2. mint a token (the value nbt_<key>.<secret> is the LAST line of stdout)
log "minting a token ($BIN token create --user admin)"
"$BIN" token create --user admin >"$TMP/token.out" 2>"$TMP/token.err" \
  || { log "ERROR: token create failed"; cat "$TMP/token.out" "$TMP/token.err" >&2; exit 1; }
NB_TOKEN=$(grep -v '^[[:space:]]*$' "$TMP/token.out" | tail -n 1 | tr -d '[:space:]')
[ -n "$NB_TOKEN" ] || { log "ERROR: token create printed nothing"; exit 1; }

# 3. /api/status/ must answer 200 with that token
ready=
for _ in $(seq 60); do
  code=$(http_code "$NB_URL/api/status/" "$NB_TOKEN")
  if [ "$code" = 200 ]; then ready=1; break; fi
  sleep 0.5
done
[ -n "$ready" ] || { log "ERROR: GET $NB_URL/api/status/ with the new token did not answer 200 (last: $code)"; exit 1; }

export NB_URL NB_TOKEN
export NB_PASSWORD=admin
log "running the suite against Ironbox at $NB_URL"
RC=0; run_pytest "$@" || RC=$?
exit "$RC"
