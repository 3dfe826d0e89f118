#!/usr/bin/env python3
"""Turns wrk --latency output (stdin) into one JSON line: name, req/s, p50/p99 ms, errors."""
import json, re, sys

name = sys.argv[1]
text = sys.stdin.read()


def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s|m)", v)
    if not m:
        return None
    x, u = float(m.group(1)), m.group(2)
    return {"us": x / 1000, "ms": x, "s": x * 1000, "m": x * 60000}[u]


rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
p50 = re.search(r"^\s+50%\s+(\S+)", text, re.M)
p99 = re.search(r"^\s+99%\s+(\S+)", text, re.M)
reqs = re.search(r"(\d+) requests in", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
print(json.dumps({
    "name": name,
    "rps": float(rps.group(1)) if rps else 0.0,
    "p50_ms": ms(p50.group(1)) if p50 else None,
    "p99_ms": ms(p99.group(1)) if p99 else None,
    "requests": int(reqs.group(1)) if reqs else 0,
    "non_2xx": int(non2xx.group(1)) if non2xx else 0,
    "socket_errors": errors.group(1).strip() if errors else "",
}))
