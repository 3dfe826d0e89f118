#!/usr/bin/env bash
# Benchmarks Ironbox (release build, SQLite and optionally PostgreSQL) and, with --netbox, the real
# NetBox 4.7 from ../shared/reference/netbox/start.sh on the same machine, same data, same client
# (wrk), same run. Writes bench/results/<target>.json and regenerates docs/benchmarks.md.
#
#   bash bench/run.sh                 # Ironbox on SQLite + the axum ceiling
#   bash bench/run.sh --pg --netbox   # also Ironbox on PostgreSQL and the real NetBox
#   DURATION=10 CONNS=8 bash bench/run.sh
#   bash bench/run.sh --dcim [--pg] [--netbox]   # DCIM benchmarks (bench/run_dcim.sh)
#   bash bench/run.sh --netbox-only   # NetBox's column again, right after an Ironbox run
set -euo pipefail
# --dcim: the DCIM benchmarks instead (bench/run_dcim.sh takes the same --pg / --netbox options)
for a in "$@"; do [ "$a" = --dcim ] && exec bash "$(dirname "$0")/run_dcim.sh" "$@"; done
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/results
mkdir -p "$OUT"
DURATION=${DURATION:-10}
CONNS=${CONNS:-8}
NB_DURATION=${NB_DURATION:-30}
NB_CONNS=${NB_CONNS:-4}
WITH_PG=0; WITH_NETBOX=0; NETBOX_ONLY=0
for a in "$@"; do case "$a" in --pg) WITH_PG=1;; --netbox) WITH_NETBOX=1;; --netbox-only) WITH_NETBOX=1; NETBOX_ONLY=1;; esac; done
command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --bin ironbox
BIN=$CARGO_TARGET_DIR/release/ironbox

# run_wrk NAME URL METHOD(GET|POST) BODY_KIND DURATION CONNS AUTH -> one JSON line
run_wrk() {
  local name=$1 url=$2 method=$3 kind=$4 dur=$5 conns=$6 auth=$7 script
  if [ "$method" = POST ]; then script=$ROOT/bench/wrk/post.lua; else script=$ROOT/bench/wrk/get.lua; fi
  local out
  out=$(AUTH="$auth" BODY_KIND="$kind" SEED=0 wrk -t1 -c"$conns" -d"${dur}s" --timeout 120s --latency -s "$script" "$url" 2>&1 || true)
  python3 "$ROOT/bench/parse_wrk.py" "$name" <<<"$out"
}

# run_rot NAME BASE PATH_TEMPLATE LO HI DURATION CONNS AUTH -> one JSON line: GET a different URL per
# request ({n} walks LO..HI) with "Cache-Control: no-cache", so every answer is computed afresh
run_rot() {
  local name=$1 base=$2 tmpl=$3 lo=$4 hi=$5 dur=$6 conns=$7 auth=$8 out
  out=$(AUTH="$auth" PATH_TEMPLATE="$tmpl" LO="$lo" HI="$hi" wrk -t1 -c"$conns" -d"${dur}s" --timeout 120s --latency -s "$ROOT/bench/wrk/rotate.lua" "$base" 2>&1 || true)
  python3 "$ROOT/bench/parse_wrk.py" "$name" <<<"$out"
}

# first_id BASE AUTH QUERY -> id of the first result of an ip-address list query
first_id() {
  curl -sf -H "Authorization: $2" "$1/api/ipam/ip-addresses/?$3&limit=1&brief=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])'
}

bench_target() {   # TARGET BASE AUTH DUR CONNS  (ids discovered through the API)
  local target=$1 base=$2 auth=$3 dur=$4 conns=$5
  local ipid p8 iplo iphi
  ipid=$(curl -sf -H "Authorization: $auth" "$base/api/ipam/ip-addresses/?q=10.0.100.1&limit=1&brief=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
  p8=$(curl -sf -H "Authorization: $auth" "$base/api/ipam/prefixes/?prefix=10.0.0.0/8&limit=1&brief=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
  iplo=$(first_id "$base" "$auth" "description__isw=bench%20ip%20&ordering=id")
  iphi=$(first_id "$base" "$auth" "description__isw=bench%20ip%20&ordering=-id")
  {
    run_wrk "list ip-addresses limit=100" "$base/api/ipam/ip-addresses/?limit=100" GET - "$dur" "$conns" "$auth"
    run_wrk "list ip-addresses limit=1000" "$base/api/ipam/ip-addresses/?limit=1000" GET - "$dur" "$conns" "$auth"
    run_wrk "get ip-address by id" "$base/api/ipam/ip-addresses/$ipid/" GET - "$dur" "$conns" "$auth"
    run_wrk "filtered list (parent + status)" "$base/api/ipam/ip-addresses/?parent=10.1.0.0/16&status=active&limit=100" GET - "$dur" "$conns" "$auth"
    run_wrk "filtered list prefixes (within)" "$base/api/ipam/prefixes/?within=172.20.0.0/14&limit=100" GET - "$dur" "$conns" "$auth"
    run_wrk "q search ip-addresses" "$base/api/ipam/ip-addresses/?q=bench%20ip%204242&limit=100" GET - "$dur" "$conns" "$auth"
    run_wrk "available-ips GET on the /8" "$base/api/ipam/prefixes/$p8/available-ips/" GET - "$dur" "$conns" "$auth"
    # the same reads uncached: a different page, id or term per request, or Cache-Control: no-cache
    run_rot "list ip-addresses limit=100, rotating offset (uncached)" "$base" "/api/ipam/ip-addresses/?limit=100&offset={n}" 0 99900 "$dur" "$conns" "$auth"
    run_rot "list ip-addresses limit=1000, rotating offset (uncached)" "$base" "/api/ipam/ip-addresses/?limit=1000&offset={n}" 0 99000 "$dur" "$conns" "$auth"
    run_rot "get ip-address by id, rotating over 100,000 (uncached)" "$base" "/api/ipam/ip-addresses/{n}/" "$iplo" "$iphi" "$dur" "$conns" "$auth"
    run_rot "filtered list (parent + status) (uncached)" "$base" "/api/ipam/ip-addresses/?parent=10.1.0.0/16&status=active&limit=100" 0 0 "$dur" "$conns" "$auth"
    run_rot "filtered list prefixes (within) (uncached)" "$base" "/api/ipam/prefixes/?within=172.20.0.0/14&limit=100" 0 0 "$dur" "$conns" "$auth"
    run_rot "q search ip-addresses, rotating term (uncached)" "$base" "/api/ipam/ip-addresses/?q=bench%20ip%20{n}&limit=100" 0 99999 "$dur" "$conns" "$auth"
    run_rot "available-ips GET on the /8 (uncached)" "$base" "/api/ipam/prefixes/$p8/available-ips/" 0 0 "$dur" "$conns" "$auth"
    run_wrk "available-ips POST on the /8" "$base/api/ipam/prefixes/$p8/available-ips/" POST alloc "$dur" "$conns" "$auth"
    run_wrk "create one ip-address" "$base/api/ipam/ip-addresses/" POST ip "$dur" "$conns" "$auth"
    run_wrk "bulk create 100 ip-addresses" "$base/api/ipam/ip-addresses/" POST bulk "$dur" "$conns" "$auth"
  } > "$OUT/$target.json"
  echo "wrote $OUT/$target.json"
}

start_ironbox() {  # DB_URL PORT -> sets IB_PID, IB_AUTH
  local url=$1 port=$2 dir
  dir=$(mktemp -d)
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then echo "port $port is already in use" >&2; exit 1; fi
  (cd "$dir" && IRONBOX_DATABASE__URL="$url" IRONBOX_SERVER__LISTEN="127.0.0.1:$port" IRONBOX_ADMIN_PASSWORD=bench-password \
     IRONBOX_LOG__LEVEL=warn exec "$BIN" serve) >"$dir/server.log" 2>&1 &
  IB_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/status/" && break; sleep 0.2; done
  IB_AUTH="Bearer $(cd "$dir" && IRONBOX_DATABASE__URL="$url" "$BIN" token create --user admin 2>/dev/null | tail -1)"
}
trap 'kill ${IB_PID:-} ${CEIL:-} 2>/dev/null || true' EXIT

if [ "$NETBOX_ONLY" = 0 ]; then
# ---- Ironbox on SQLite
tmpdb=$(mktemp -d)/bench.db
start_ironbox "sqlite://$tmpdb?mode=rwc" 8095
python3 bench/load.py http://127.0.0.1:8095 "$IB_AUTH" | tee "$OUT/ironbox-sqlite.load.txt"
bench_target ironbox-sqlite http://127.0.0.1:8095 "$IB_AUTH" "$DURATION" "$CONNS"
kill "$IB_PID"; wait "$IB_PID" 2>/dev/null || true

# ---- Ironbox on PostgreSQL
if [ "$WITH_PG" = 1 ]; then
  psql postgres://postgres@127.0.0.1:5432/postgres -Xqc "DROP DATABASE IF EXISTS ironbox_bench WITH (FORCE)" -c "CREATE DATABASE ironbox_bench"
  start_ironbox postgres://postgres@127.0.0.1:5432/ironbox_bench 8096
  python3 bench/load.py http://127.0.0.1:8096 "$IB_AUTH" | tee "$OUT/ironbox-postgres.load.txt"
  # Steady state before timing, as a maintained database is (NetBox's was loaded earlier and has
  # been vacuumed since): the vacuums Ironbox starts after a bulk load would otherwise run
  # during the first rows measured.
  psql postgres://postgres@127.0.0.1:5432/ironbox_bench -Xqc "VACUUM (ANALYZE)"
  bench_target ironbox-postgres http://127.0.0.1:8096 "$IB_AUTH" "$DURATION" "$CONNS"
  kill "$IB_PID"; wait "$IB_PID" 2>/dev/null || true
fi

# ---- the ceiling: a trivial axum handler, same client
"$BIN" bench-ceiling --listen 127.0.0.1:8099 &
CEIL=$!
sleep 0.5
run_wrk "trivial axum handler (ceiling)" "http://127.0.0.1:8099/ping" GET - "$DURATION" "$CONNS" "" > "$OUT/ceiling.json"
kill "$CEIL"; wait "$CEIL" 2>/dev/null || true
fi

# ---- the real NetBox 4.7
if [ "$WITH_NETBOX" = 1 ]; then
  rm -f "$OUT/netbox.note"   # NetBox measured in this run: no note about an earlier one
  NBDIR=${NETBOX_REF_DIR:-$ROOT/../shared/reference/netbox}
  bash "$NBDIR/start.sh" >/dev/null
  HOME_NB=${NETBOX_REF_HOME:-/srv/netbox-ref}
  (cd "$HOME_NB/netbox-root" && NETBOX_ROOT="$HOME_NB/netbox-root" PYTHONWARNINGS=ignore "$HOME_NB/netbox-venv/bin/netbox" shell -c "$(cat "$ROOT/bench/netbox_load.py")") | tee "$OUT/netbox.load.txt"
  bench_target netbox http://127.0.0.1:8001 "Bearer $(cat "$HOME_NB/netbox-token")" "$NB_DURATION" "$NB_CONNS"
fi

python3 bench/report.py > docs/benchmarks.md
echo "wrote docs/benchmarks.md"
