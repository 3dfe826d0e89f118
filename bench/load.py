#!/usr/bin/env python3
"""Loads the benchmark data set through the REST API (Ironbox) in bulk requests of 1,000:
10.0.0.0/8 (container) + 1,999 /24 prefixes in 172.16.0.0/12, and 100,000 IP addresses
10.0.0.1/8 … in the /8 (so its first 100,000 addresses are taken). stdlib only."""
import ipaddress, json, sys, time, urllib.request

base, token = sys.argv[1], sys.argv[2]
n_ips = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000


def post(path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Authorization": token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read())


t0 = time.time()
post("/api/ipam/prefixes/", {"prefix": "10.0.0.0/8", "status": "container", "description": "bench /8"})
nets = list(ipaddress.ip_network("172.16.0.0/12").subnets(new_prefix=24))[:1999]
for i in range(0, len(nets), 1000):
    post("/api/ipam/prefixes/", [{"prefix": str(n), "description": f"bench prefix {j}"} for j, n in enumerate(nets[i:i + 1000], i)])
start = int(ipaddress.ip_address("10.0.0.1"))
for i in range(0, n_ips, 1000):
    post("/api/ipam/ip-addresses/", [{"address": f"{ipaddress.ip_address(start + k)}/8", "status": "active",
                                      "description": f"bench ip {k}"} for k in range(i, min(i + 1000, n_ips))])
print(f"loaded 2000 prefixes and {n_ips} IP addresses in {time.time() - t0:.1f}s")
