#!/usr/bin/env bash
# Web pages as a signed-in browser gets them, Ironbox (release build, SQLite; --pg adds PostgreSQL)
# and, with --netbox, the real NetBox 4.7.3 from ../shared/reference/netbox/start.sh, same data set
# as bench/run.sh (2,000 prefixes, 100,000 addresses), same client (wrk with the session cookie).
# Writes bench/results/ui-<target>.json and regenerates docs/benchmarks.md.
#
#   bash bench/run_ui.sh [--pg] [--netbox]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/results
mkdir -p "$OUT"
DURATION=${DURATION:-10}
CONNS=${CONNS:-4}
NB_DURATION=${NB_DURATION:-30}
NB_CONNS=${NB_CONNS:-4}
WITH_PG=0; WITH_NETBOX=0
for a in "$@"; do case "$a" in --pg) WITH_PG=1;; --netbox) WITH_NETBOX=1;; esac; done
command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --bin ironbox
BIN=$CARGO_TARGET_DIR/release/ironbox

run_page() {  # NAME URL DURATION CONNS COOKIE -> one JSON line
  local out
  out=$(COOKIE="$5" wrk -t1 -c"$4" -d"${3}s" --timeout 120s --latency -s "$ROOT/bench/wrk/cookie.lua" "$2" 2>&1 || true)
  python3 "$ROOT/bench/parse_wrk.py" "$1" <<<"$out"
}

check_page() {  # URL COOKIE NEEDLE: the page answers 200 and shows what it should before it is timed
  local body
  body=$(curl -sf -H "Cookie: $2" "$1") || { echo "GET $1 failed" >&2; exit 1; }
  grep -q -- "$3" <<<"$body" || { echo "GET $1 does not show $3" >&2; exit 1; }
}

bench_pages() {  # TARGET BASE AUTH COOKIE DUR CONNS
  local target=$1 base=$2 auth=$3 cookie=$4 dur=$5 conns=$6 p8
  p8=$(curl -sf -H "Authorization: $auth" "$base/api/ipam/prefixes/?prefix=10.0.0.0/8&limit=1&brief=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
  check_page "$base/ipam/ip-addresses/?per_page=1000" "$cookie" "10.0.3.232/8"
  check_page "$base/ipam/prefixes/$p8/" "$cookie" "10.0.0.0/8"
  check_page "$base/ipam/prefixes/$p8/ip-addresses/" "$cookie" "10.0.0.1/8"
  {
    run_page "IP address list page, 1,000 rows" "$base/ipam/ip-addresses/?per_page=1000" "$dur" "$conns" "$cookie"
    run_page "prefix page of the /8 (100,000 addresses inside)" "$base/ipam/prefixes/$p8/" "$dur" "$conns" "$cookie"
    run_page "the /8's IP addresses tab (first page of 100,000)" "$base/ipam/prefixes/$p8/ip-addresses/" "$dur" "$conns" "$cookie"
  } > "$OUT/ui-$target.json"
  echo "wrote $OUT/ui-$target.json"
}

IB_PID=
trap 'kill ${IB_PID:-} 2>/dev/null || true' EXIT
ironbox() {  # TARGET DB_URL PORT
  local target=$1 url=$2 port=$3 dir auth cookie
  dir=$(mktemp -d)
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use" >&2; exit 1; fi
  (cd "$dir" && IRONBOX_DATABASE__URL="$url" IRONBOX_SERVER__LISTEN="127.0.0.1:$port" IRONBOX_ADMIN_PASSWORD=bench-password \
     IRONBOX_LOG__LEVEL=warn exec "$BIN" serve) >"$dir/server.log" 2>&1 &
  IB_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/status/" && break; sleep 0.2; done
  auth="Bearer $(cd "$dir" && IRONBOX_DATABASE__URL="$url" "$BIN" token create --user admin 2>/dev/null | tail -1)"
  python3 bench/load.py "http://127.0.0.1:$port" "$auth"
  cookie=$(python3 bench/ui_session.py "http://127.0.0.1:$port" admin bench-password)
  bench_pages "$target" "http://127.0.0.1:$port" "$auth" "$cookie" "$DURATION" "$CONNS"
  kill "$IB_PID"; wait "$IB_PID" 2>/dev/null || true
}

tmpdb=$(mktemp -d)/ui.db
ironbox ironbox-sqlite "sqlite://$tmpdb?mode=rwc" 8095
if [ "$WITH_PG" = 1 ]; then
  psql postgres://postgres@127.0.0.1:5432/postgres -Xqc "DROP DATABASE IF EXISTS ironbox_bench_ui WITH (FORCE)" -c "CREATE DATABASE ironbox_bench_ui"
  ironbox ironbox-postgres postgres://postgres@127.0.0.1:5432/ironbox_bench_ui 8096
fi

if [ "$WITH_NETBOX" = 1 ]; then
  NBDIR=${NETBOX_REF_DIR:-$ROOT/../shared/reference/netbox}
  bash "$NBDIR/start.sh" >/dev/null
  HOME_NB=${NETBOX_REF_HOME:-/srv/netbox-ref}
  (cd "$HOME_NB/netbox-root" && NETBOX_ROOT="$HOME_NB/netbox-root" PYTHONWARNINGS=ignore "$HOME_NB/netbox-venv/bin/netbox" shell -c "$(cat "$ROOT/bench/netbox_load.py")")
  cookie=$(python3 bench/ui_session.py http://127.0.0.1:8001 admin admin)
  bench_pages netbox http://127.0.0.1:8001 "Bearer $(cat "$HOME_NB/netbox-token")" "$cookie" "$NB_DURATION" "$NB_CONNS"
fi

python3 bench/report.py > docs/benchmarks.md
echo "wrote docs/benchmarks.md"
