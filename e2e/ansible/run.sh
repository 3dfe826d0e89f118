#!/usr/bin/env bash
# The Ansible collection netbox.netbox (from the `ansible` package on PyPI) against Ironbox:
# build.yml twice (the second run must change nothing), allocate.yml twice (each run must
# allocate something new) and read the network back with nb_lookup.
#
#   bash e2e/ansible/run.sh      # starts $IRONBOX_BIN (default target/debug/ironbox) on a fresh SQLite file
#   NB_URL=… NB_TOKEN=… bash e2e/ansible/run.sh   # against a running server
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
VENV=${ANSIBLE_VENV:-$HOME/.cache/ironbox-ansible-venv}
log() { printf '[ansible-e2e] %s\n' "$*" >&2; }

if [ ! -x "$VENV/bin/ansible-playbook" ] || ! cmp -s "$HERE/requirements.txt" "$VENV/.requirements.txt"; then
  log "creating $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"
  cp "$HERE/requirements.txt" "$VENV/.requirements.txt"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ironbox-ansible.XXXXXX")
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$SERVER_PID" ] && wait "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT

if [ -z "${NB_URL:-}" ]; then
  BIN=${IRONBOX_BIN:-$ROOT/target/debug/ironbox}
  [ -x "$BIN" ] || { log "ERROR: no Ironbox binary at $BIN"; exit 1; }
  PORT=$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  DB="sqlite://$TMP/ironbox.db?mode=rwc"
  (cd "$TMP" && IRONBOX_DATABASE__URL="$DB" IRONBOX_SERVER__LISTEN="127.0.0.1:$PORT" \
     IRONBOX_ADMIN_PASSWORD=ansible-pass exec "$BIN" serve) >"$TMP/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 150); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/api/status/" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$TMP/server.log" >&2; exit 1; }
    sleep 0.2
  done
  NB_URL="http://127.0.0.1:$PORT"
  NB_TOKEN=$(cd "$TMP" && IRONBOX_DATABASE__URL="$DB" "$BIN" token create --user admin 2>/dev/null | tail -1)
fi
export NB_URL NB_TOKEN

play() {  # PLAYBOOK -> prints the recap line; fails when a task failed
  local out rc=0
  out=$(cd "$HERE" && ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0 \
        "$VENV/bin/ansible-playbook" -i localhost, -c local -e "ansible_python_interpreter=$VENV/bin/python" "$1" 2>&1) || rc=$?
  if [ "$rc" != 0 ]; then printf '%s\n' "$out" | grep -E -A4 'fatal|FAILED|ERROR' >&2; return "$rc"; fi
  printf '%s\n' "$out" | grep -E '^localhost +:'
}
changed() { sed -E 's/.*changed=([0-9]+).*/\1/' <<<"$1"; }

first=$(play build.yml); log "build.yml, first run:  $first"
[ "$(changed "$first")" -gt 40 ] || { log "FAIL: the first run should create the network"; exit 1; }
second=$(play build.yml); log "build.yml, second run: $second"
[ "$(changed "$second")" = 0 ] || { log "FAIL: a second run changed something"; exit 1; }
ALLOC_OUT=$TMP/a1 play allocate.yml >/dev/null
ALLOC_OUT=$TMP/a2 play allocate.yml >/dev/null
log "allocated: $(cat "$TMP/a1") then $(cat "$TMP/a2")"
read -r p1 i1 <"$TMP/a1"; read -r p2 i2 <"$TMP/a2"
[ "$p1" != "$p2" ] && [ "$i1" != "$i2" ] || { log "FAIL: an allocation was handed out twice"; exit 1; }
log "ok"
