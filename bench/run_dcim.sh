#!/usr/bin/env bash
# DCIM benchmarks: 1,000 devices x 48 interfaces (bench/dcim_load.py, through the REST API, identical for
# Ironbox and NetBox), then wrk on: a device's interfaces, devices filtered by site and role, a cable trace
# through two patch panels, the rack elevation (JSON and SVG), a device by id. Writes
# bench/results/dcim-<target>.json and regenerates docs/benchmarks.md (bench/report.py).
#
#   bash bench/run_dcim.sh                     # Ironbox on SQLite
#   bash bench/run_dcim.sh --pg --netbox       # also Ironbox on PostgreSQL and the real NetBox 4.7.3
#   bash bench/run_dcim.sh --netbox --no-ironbox   # NetBox only (no cargo build)
#   bash bench/run.sh --dcim [...]             # same thing
#   DURATION=10 CONNS=8 NB_DURATION=30 NB_CONNS=4 N_DEVICES=1000 bash bench/run_dcim.sh
#
# The NetBox data set stays in NetBox's database between runs (the loader only adds what is missing);
# Ironbox gets a fresh database each run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/results
mkdir -p "$OUT"
DURATION=${DURATION:-10}
CONNS=${CONNS:-8}
NB_DURATION=${NB_DURATION:-30}
NB_CONNS=${NB_CONNS:-4}
N_DEVICES=${N_DEVICES:-1000}
WITH_PG=0; WITH_NETBOX=0; WITH_IRONBOX=1
for a in "$@"; do case "$a" in --pg) WITH_PG=1;; --netbox) WITH_NETBOX=1;; --no-ironbox) WITH_IRONBOX=0;; --dcim) ;;
  *) echo "unknown option $a" >&2; exit 2;; esac; done
command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }

# run_wrk NAME URL DURATION CONNS AUTH -> one JSON line (GET only)
run_wrk() {
  local name=$1 url=$2 dur=$3 conns=$4 auth=$5 out
  out=$(AUTH="$auth" wrk -t1 -c"$conns" -d"${dur}s" --timeout 120s --latency -s "$ROOT/bench/wrk/get.lua" "$url" 2>&1 || true)
  python3 "$ROOT/bench/parse_wrk.py" "$name" <<<"$out"
}

# run_rot NAME BASE PATH_TEMPLATE LO HI DURATION CONNS AUTH -> one JSON line: GET a different URL per
# request ({n} walks LO..HI) with "Cache-Control: no-cache", so every answer is computed afresh
run_rot() {
  local name=$1 base=$2 tmpl=$3 lo=$4 hi=$5 dur=$6 conns=$7 auth=$8 out
  out=$(AUTH="$auth" PATH_TEMPLATE="$tmpl" LO="$lo" HI="$hi" wrk -t1 -c"$conns" -d"${dur}s" --timeout 120s --latency -s "$ROOT/bench/wrk/rotate.lua" "$base" 2>&1 || true)
  python3 "$ROOT/bench/parse_wrk.py" "$name" <<<"$out"
}

# api_id BASE AUTH PATH -> id of the first result (fails loudly when there is none)
api_id() {
  curl -sf -H "Authorization: $2" -H "Accept: application/json" "$1$3" \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["results"]; assert r, "no result for '"$3"'"; print(r[0]["id"])'
}

# check BASE AUTH PATH WHAT -> refuse to benchmark an endpoint that does not answer 200 with the expected body
check() {
  local body
  body=$(curl -sf -H "Authorization: $2" "$1$3") || { echo "GET $3 did not answer 2xx" >&2; exit 1; }
  python3 -c "$4" <<<"$body" || { echo "GET $3: unexpected body" >&2; exit 1; }
}

bench_dcim_target() {   # TARGET BASE AUTH DUR CONNS
  local target=$1 base=$2 auth=$3 dur=$4 conns=$5
  local dev ifid rack
  dev=$(api_id "$base" "$auth" "/api/dcim/devices/?name=bench-dev-0001&brief=1")
  ifid=$(api_id "$base" "$auth" "/api/dcim/interfaces/?device_id=$dev&name=et-0/0/0&brief=1")
  rack=$(api_id "$base" "$auth" "/api/dcim/racks/?name=bench-rack-0-0&brief=1")
  local devlo devhi iflo ifhi racklo rackhi
  devlo=$(api_id "$base" "$auth" "/api/dcim/devices/?name__isw=bench-dev-&ordering=id&brief=1&limit=1")
  devhi=$(api_id "$base" "$auth" "/api/dcim/devices/?name__isw=bench-dev-&ordering=-id&brief=1&limit=1")
  iflo=$(api_id "$base" "$auth" "/api/dcim/interfaces/?device_id=$devlo&ordering=id&brief=1&limit=1")
  ifhi=$(api_id "$base" "$auth" "/api/dcim/interfaces/?device_id=$devhi&ordering=-id&brief=1&limit=1")
  racklo=$(api_id "$base" "$auth" "/api/dcim/racks/?name__isw=bench-rack-&ordering=id&brief=1&limit=1")
  rackhi=$(api_id "$base" "$auth" "/api/dcim/racks/?name__isw=bench-rack-&ordering=-id&brief=1&limit=1")
  # the responses are what they should be before they are timed
  check "$base" "$auth" "/api/dcim/interfaces/?device_id=$dev" \
    'import json,sys; d=json.load(sys.stdin); assert d["count"]==48 and len(d["results"])==48, d["count"]'
  check "$base" "$auth" "/api/dcim/devices/?site=bench-site-1&role=bench-role-2" \
    'import json,sys; d=json.load(sys.stdin); assert d["count"]==50 and len(d["results"])==50, d["count"]'
  check "$base" "$auth" "/api/dcim/interfaces/$ifid/trace/" \
    'import json,sys; d=json.load(sys.stdin); assert len(d)==3 and d[-1][2][0]["name"]=="et-0/0/0", d'
  check "$base" "$auth" "/api/dcim/racks/$rack/elevation/" \
    'import json,sys; d=json.load(sys.stdin); assert d["count"]==84 and len(d["results"])==50 and sum(u["occupied"] for u in d["results"])==48, d["count"]'
  {
    run_wrk "interfaces of one device (48)" "$base/api/dcim/interfaces/?device_id=$dev" "$dur" "$conns" "$auth"
    run_wrk "devices by site + role (50)" "$base/api/dcim/devices/?site=bench-site-1&role=bench-role-2" "$dur" "$conns" "$auth"
    run_wrk "get device by id" "$base/api/dcim/devices/$dev/" "$dur" "$conns" "$auth"
    run_wrk "cable trace through 2 patch panels" "$base/api/dcim/interfaces/$ifid/trace/" "$dur" "$conns" "$auth"
    run_wrk "rack elevation JSON (first page)" "$base/api/dcim/racks/$rack/elevation/" "$dur" "$conns" "$auth"
    run_wrk "rack elevation SVG" "$base/api/dcim/racks/$rack/elevation/?render=svg" "$dur" "$conns" "$auth"
    # the same reads uncached: a different device, interface or rack per request, or Cache-Control: no-cache
    run_rot "interfaces of one device, rotating over 1,000 devices (uncached)" "$base" "/api/dcim/interfaces/?device_id={n}" "$devlo" "$devhi" "$dur" "$conns" "$auth"
    run_rot "devices by site + role (uncached)" "$base" "/api/dcim/devices/?site=bench-site-1&role=bench-role-2" 0 0 "$dur" "$conns" "$auth"
    run_rot "get device by id, rotating over 1,000 (uncached)" "$base" "/api/dcim/devices/{n}/" "$devlo" "$devhi" "$dur" "$conns" "$auth"
    run_rot "get interface by id, rotating over 48,000 (uncached)" "$base" "/api/dcim/interfaces/{n}/" "$iflo" "$ifhi" "$dur" "$conns" "$auth"
    run_rot "cable trace through 2 patch panels (uncached)" "$base" "/api/dcim/interfaces/$ifid/trace/" 0 0 "$dur" "$conns" "$auth"
    run_rot "rack elevation JSON, rotating over 25 racks (uncached)" "$base" "/api/dcim/racks/{n}/elevation/" "$racklo" "$rackhi" "$dur" "$conns" "$auth"
    run_rot "rack elevation SVG, rotating over 25 racks (uncached)" "$base" "/api/dcim/racks/{n}/elevation/?render=svg" "$racklo" "$rackhi" "$dur" "$conns" "$auth"
  } > "$OUT/dcim-$target.json"
  echo "wrote $OUT/dcim-$target.json"
}

load_dcim() {  # BASE AUTH LOADFILE: load (or complete) the data set; keep the file of the run that loaded it
  local out
  out=$(python3 bench/dcim_load.py "$1" "$2" "$N_DEVICES")
  echo "$out"
  case "$out" in *"already loaded"*) [ -s "$3" ] || echo "$out" > "$3" ;; *) echo "$out" > "$3" ;; esac
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
trap 'kill ${IB_PID:-} 2>/dev/null || true' EXIT

if [ "$WITH_IRONBOX" = 1 ]; then
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
  cargo build --release --bin ironbox
  BIN=$CARGO_TARGET_DIR/release/ironbox

  # ---- Ironbox on SQLite
  tmpdb=$(mktemp -d)/bench-dcim.db
  start_ironbox "sqlite://$tmpdb?mode=rwc" 8095
  load_dcim http://127.0.0.1:8095 "$IB_AUTH" "$OUT/dcim-ironbox-sqlite.load.txt"
  bench_dcim_target ironbox-sqlite http://127.0.0.1:8095 "$IB_AUTH" "$DURATION" "$CONNS"
  kill "$IB_PID"; wait "$IB_PID" 2>/dev/null || true

  # ---- Ironbox on PostgreSQL
  if [ "$WITH_PG" = 1 ]; then
    psql postgres://postgres@127.0.0.1:5432/postgres -Xqc "DROP DATABASE IF EXISTS ironbox_bench_dcim WITH (FORCE)" -c "CREATE DATABASE ironbox_bench_dcim"
    start_ironbox postgres://postgres@127.0.0.1:5432/ironbox_bench_dcim 8096
    load_dcim http://127.0.0.1:8096 "$IB_AUTH" "$OUT/dcim-ironbox-postgres.load.txt"
    # Steady state before timing, as a maintained database is (NetBox's was loaded earlier and has
    # been vacuumed since): the vacuums Ironbox starts after a bulk load would otherwise run
    # during the first rows measured.
    psql postgres://postgres@127.0.0.1:5432/ironbox_bench_dcim -Xqc "VACUUM (ANALYZE)"
    bench_dcim_target ironbox-postgres http://127.0.0.1:8096 "$IB_AUTH" "$DURATION" "$CONNS"
    kill "$IB_PID"; wait "$IB_PID" 2>/dev/null || true
  fi
fi

# ---- the real NetBox 4.7
if [ "$WITH_NETBOX" = 1 ]; then
  rm -f "$OUT/dcim-netbox.note"   # NetBox measured in this run: no note about an earlier one
  NBDIR=${NETBOX_REF_DIR:-$ROOT/../shared/reference/netbox}
  bash "$NBDIR/start.sh" >/dev/null
  HOME_NB=${NETBOX_REF_HOME:-/srv/netbox-ref}
  NB_AUTH="Bearer $(cat "$HOME_NB/netbox-token")"
  load_dcim http://127.0.0.1:8001 "$NB_AUTH" "$OUT/dcim-netbox.load.txt"
  bench_dcim_target netbox http://127.0.0.1:8001 "$NB_AUTH" "$NB_DURATION" "$NB_CONNS"
fi

python3 bench/report.py > docs/benchmarks.md
echo "wrote docs/benchmarks.md"
