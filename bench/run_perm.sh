#!/usr/bin/env bash
# What object permissions cost: the same list and get requests as a superuser and as a user whose
# permission constraints are compiled into every query, on the IPAM data set of bench/run.sh
# (2,000 prefixes, 100,000 addresses). Every request asks for a different page or object, so the
# numbers are the query path's, not a cache's. Writes bench/results/perm-<backend>.json and
# regenerates docs/benchmarks.md.
#
#   bash bench/run_perm.sh          # SQLite
#   bash bench/run_perm.sh --pg     # and PostgreSQL
#   DURATION=6 ROUNDS=3 CONNS=8 bash bench/run_perm.sh   (each cell: the median of ROUNDS interleaved runs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/results
mkdir -p "$OUT"
DURATION=${DURATION:-6}
CONNS=${CONNS:-8}
ROUNDS=${ROUNDS:-3}
WITH_PG=0
for a in "$@"; do [ "$a" = --pg ] && WITH_PG=1; done
command -v wrk >/dev/null || { apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q wrk >/dev/null; }; }
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
cargo build --release --bin ironbox
BIN=$CARGO_TARGET_DIR/release/ironbox

run_wrk() {  # NAME URL AUTH LO HI -> one JSON line
  local out
  out=$(AUTH="$3" LO="$4" HI="$5" wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 120s --latency \
        -s "$ROOT/bench/wrk/perm_rotate.lua" "$2" 2>&1 || true)
  python3 "$ROOT/bench/parse_wrk.py" "$1" <<<"$out"
}

api() {  # METHOD PATH BODY -> JSON (as the admin)
  curl -sf -X "$1" -H "Authorization: $IB_AUTH" -H "Content-Type: application/json" \
       ${3:+--data "$3"} "$BASE$2"
}

bench_backend() {  # TARGET DB_URL PORT
  local target=$1 url=$2 port=$3 dir uid ctok lo hi
  dir=$(mktemp -d)
  (cd "$dir" && IRONBOX_DATABASE__URL="$url" IRONBOX_SERVER__LISTEN="127.0.0.1:$port" IRONBOX_ADMIN_PASSWORD=bench-password \
     IRONBOX_LOG__LEVEL=warn exec "$BIN" serve) >"$dir/server.log" 2>&1 &
  IB_PID=$!
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/api/status/" && break; sleep 0.2; done
  IB_AUTH="Bearer $(cd "$dir" && IRONBOX_DATABASE__URL="$url" "$BIN" token create --user admin 2>/dev/null | tail -1)"
  BASE=http://127.0.0.1:$port
  python3 bench/load.py "$BASE" "$IB_AUTH" | tee "$OUT/perm-$target.load.txt"
  # Two constrained users who both see every address, so all three page through the same rows:
  # "team" owns 10.0.0.0/8 (one range lookup, as most policies are one tenant or one block);
  # "noc" has three constraint sets OR'ed: the range with a nested lookup through the VRF, and
  # whatever is active or reserved in the global table (a status list, not indexed).
  uid=$(api POST /api/users/users/ '{"username": "team", "password": "bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  api POST /api/users/permissions/ "{\"name\": \"team block\", \"object_types\": [\"ipam.ipaddress\"], \"actions\": [\"view\"], \"users\": [$uid], \"constraints\": {\"address__net_contained_or_equal\": \"10.0.0.0/8\"}}" >/dev/null
  api POST /api/users/permissions/ "{\"name\": \"team prefixes\", \"object_types\": [\"ipam.prefix\"], \"actions\": [\"view\"], \"users\": [$uid], \"constraints\": [{\"prefix__net_contained_or_equal\": \"10.0.0.0/8\"}, {\"prefix__net_contained_or_equal\": \"172.16.0.0/12\"}]}" >/dev/null
  otok=$(api POST /api/users/tokens/ "{\"user\": $uid}" | python3 -c 'import json,sys; j=json.load(sys.stdin); print("Bearer nbt_%s.%s" % (j["key"], j["token"]))')
  uid=$(api POST /api/users/users/ '{"username": "noc", "password": "bench-password-1"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  api POST /api/users/permissions/ "{\"name\": \"noc addresses\", \"object_types\": [\"ipam.ipaddress\"], \"actions\": [\"view\", \"add\", \"change\"], \"users\": [$uid], \"constraints\": [{\"address__net_contained_or_equal\": \"10.0.0.0/8\", \"vrf__rd__isnull\": true}, {\"status__in\": [\"active\", \"reserved\"], \"vrf__isnull\": true}]}" >/dev/null
  api POST /api/users/permissions/ "{\"name\": \"noc prefixes\", \"object_types\": [\"ipam.prefix\"], \"actions\": [\"view\"], \"users\": [$uid], \"constraints\": [{\"prefix__net_contained_or_equal\": \"10.0.0.0/8\"}, {\"prefix__net_contained_or_equal\": \"172.16.0.0/12\", \"tenant__isnull\": true}]}" >/dev/null
  ctok=$(api POST /api/users/tokens/ "{\"user\": $uid}" | python3 -c 'import json,sys; j=json.load(sys.stdin); print("Bearer nbt_%s.%s" % (j["key"], j["token"]))')
  # The constrained users see every address here, so all get the same pages.
  all=$(api GET '/api/ipam/ip-addresses/?limit=1' | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
  for t in "$otok" "$ctok"; do
    [ "$(curl -sf -H "Authorization: $t" "$BASE/api/ipam/ip-addresses/?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')" = "$all" ] \
      || { echo "a constrained user does not see the same addresses" >&2; exit 1; }
  done
  lo=$(api GET '/api/ipam/ip-addresses/?limit=1&ordering=id' | python3 -c 'import json,sys; print(json.load(sys.stdin)["results"][0]["id"])')
  hi=$((lo + 99000))
  # The three callers take turns on each scenario, ROUNDS times over, and each cell is the median
  # of its runs: run one after the other, a caller measured last met a warmer (or busier) machine,
  # and single runs of the same request moved by up to 40 points between runs.
  local raw
  raw=$(mktemp)
  for round in $(seq "$ROUNDS"); do
    for scenario in list filtered prefixes get; do
      for who in superuser "one constraint" "three OR'ed sets"; do
        case $who in superuser) a=$IB_AUTH;; "one constraint") a=$otok;; *) a=$ctok;; esac
        case $scenario in
          list) run_wrk "list ip-addresses limit=100, random offset ($who)" "$BASE/api/ipam/ip-addresses/?limit=100&offset={n}" "$a" 0 99000;;
          filtered) run_wrk "filtered list (parent + status), random page ($who)" "$BASE/api/ipam/ip-addresses/?parent=10.1.0.0/16&status=active&limit=50&offset={n}" "$a" 0 15000;;
          prefixes) run_wrk "list prefixes limit=100, random offset ($who)" "$BASE/api/ipam/prefixes/?limit=100&offset={n}" "$a" 0 1900;;
          get) run_wrk "get ip-address by random id ($who)" "$BASE/api/ipam/ip-addresses/{n}/" "$a" "$lo" "$hi";;
        esac
      done
    done
  done > "$raw"
  python3 - "$raw" > "$OUT/perm-$target.json" <<'PY'
import json, sys
runs = {}
for line in open(sys.argv[1]):
    if line.strip():
        r = json.loads(line)
        runs.setdefault(r["name"], []).append(r)
for name, rs in runs.items():
    rs.sort(key=lambda r: r.get("rps") or 0)
    med = dict(rs[len(rs) // 2])
    med["runs"] = [r.get("rps") for r in rs]
    print(json.dumps(med))
PY
  rm -f "$raw"
  kill "$IB_PID"; wait "$IB_PID" 2>/dev/null || true
  echo "wrote $OUT/perm-$target.json"
}
trap 'kill ${IB_PID:-} 2>/dev/null || true' EXIT

tmpdb=$(mktemp -d)/perm.db
bench_backend ironbox-sqlite "sqlite://$tmpdb?mode=rwc" 8097
if [ "$WITH_PG" = 1 ]; then
  psql postgres://postgres@127.0.0.1:5432/postgres -Xqc "DROP DATABASE IF EXISTS ironbox_perm_bench WITH (FORCE)" -c "CREATE DATABASE ironbox_perm_bench"
  bench_backend ironbox-postgres postgres://postgres@127.0.0.1:5432/ironbox_perm_bench 8098
fi
python3 bench/report.py > docs/benchmarks.md
echo "wrote docs/benchmarks.md"
