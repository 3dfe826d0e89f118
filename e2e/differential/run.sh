#!/usr/bin/env bash
# Differential test: the same scenario against NetBox and Ironbox, then a report of every difference.
#
#   bash e2e/differential/run.sh NETBOX_URL NETBOX_TOKEN IRONBOX_URL IRONBOX_TOKEN [OUT_DIR]
#
# Recordings (netbox.json, ironbox.json), the text report (report.txt) and the full JSON report
# (report.json) land in OUT_DIR (default: a new temp dir). Environment: UID_OVERRIDE (6 chars of
# 1-9a-f, default random), REUSE_NETBOX=path/to/netbox.json (compare against an earlier NetBox
# recording made with the same UID instead of recording NetBox again), PYTHON (default: the
# pynetbox suite's venv, else python3). Exit code: 0 when no difference was found, 1 otherwise.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 4 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
NB_URL=$1; NB_TOKEN=$2; IB_URL=$3; IB_TOKEN=$4
OUT=${5:-$(mktemp -d "${TMPDIR:-/tmp}/ironbox-diff.XXXXXX")}
mkdir -p "$OUT"
PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x "$HOME/.cache/ironbox-pynetbox-venv/bin/python" ]; then PY=$HOME/.cache/ironbox-pynetbox-venv/bin/python
  else PY=python3; fi
fi
"$PY" -c 'import requests' 2>/dev/null || { echo "python with requests needed (set PYTHON)"; exit 2; }
if [ -n "${REUSE_NETBOX:-}" ]; then
  RUN_UID=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["uid"])' "$REUSE_NETBOX")
else
  RUN_UID=${UID_OVERRIDE:-$("$PY" -c 'import random; print("".join(random.choice("123456789abcdef") for _ in range(6)))')}
fi
echo "uid $RUN_UID, output in $OUT" >&2
if [ -n "${REUSE_NETBOX:-}" ]; then
  cp "$REUSE_NETBOX" "$OUT/netbox.json"
else
  "$PY" "$HERE/diff.py" record --url "$NB_URL" --token "$NB_TOKEN" --uid "$RUN_UID" --out "$OUT/netbox.json"
fi
"$PY" "$HERE/diff.py" record --url "$IB_URL" --token "$IB_TOKEN" --uid "$RUN_UID" --out "$OUT/ironbox.json"
rc=0
"$PY" "$HERE/diff.py" compare "$OUT/netbox.json" "$OUT/ironbox.json" --json "$OUT/report.json" >"$OUT/report.txt" || rc=$?
head -n 2 "$OUT/report.txt"
echo "report: $OUT/report.txt" >&2
exit "$rc"
