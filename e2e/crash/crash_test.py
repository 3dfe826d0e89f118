#!/usr/bin/env python3
"""Crash test: kill -9 the server in the middle of a stream of writes, restart it, and check that
every acknowledged write is there, nothing unacknowledged is half there, and the data is consistent.

Each write is one bulk request creating a prefix, ten IP addresses in it and a tenant, all named by a
batch number; a batch is acknowledged when the server answered 201. After the restart:
  * every acknowledged batch is complete (12 objects),
  * every batch is either complete or entirely absent (no partial writes),
  * every object present has its change-log row (written in the same transaction),
  * prefix _depth/children equal a recomputation from scratch.

Usage: crash_test.py BIN DATABASE_URL   (stdlib only; loopback only)
"""
import ipaddress
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Server:
    def __init__(self, binary, db_url, workdir):
        self.binary, self.db_url, self.workdir = binary, db_url, workdir
        self.port = free_port()
        self.env = dict(os.environ, IRONBOX_DATABASE__URL=db_url, IRONBOX_SERVER__LISTEN=f"127.0.0.1:{self.port}",
                        IRONBOX_ADMIN_PASSWORD="admin-password", IRONBOX_LOG__LEVEL="warn")
        self.proc = None
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self):
        log = open(os.path.join(self.workdir, "server.log"), "ab")
        self.proc = subprocess.Popen([self.binary, "serve"], env=self.env, cwd=self.workdir, stdout=log, stderr=log)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.base + "/api/status/", timeout=1)
            except urllib.error.HTTPError:
                return  # 403 without a token: the server is up
            except Exception:
                time.sleep(0.2)
                continue
            return
        raise SystemExit("server did not come up; see " + os.path.join(self.workdir, "server.log"))

    def token(self):
        out = subprocess.run([self.binary, "token", "create", "--user", "admin"], env=self.env, cwd=self.workdir,
                             capture_output=True, text=True, check=True)
        return out.stdout.strip().splitlines()[-1]

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


def call(base, token, method, path, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return r.status, json.loads(r.read() or b"null")


def batch_body(n):
    net = ipaddress.ip_network(f"10.{n // 256}.{n % 256}.0/24")
    hosts = list(net.hosts())[:10]
    return net, hosts


def writer(base, token, start, step, stop_at, acked, lock, stop):
    n = start
    while not stop.is_set() and n < stop_at:
        net, hosts = batch_body(n)
        # One request per batch: the prefix, its ten addresses and a tenant, all in one transaction.
        items = [{"address": f"{h}/24", "description": f"batch-{n}"} for h in hosts]
        try:
            st, _ = call(base, token, "POST", "/api/ipam/ip-addresses/", items)
            if st == 201:
                st2, _ = call(base, token, "POST", "/api/ipam/prefixes/", [{"prefix": str(net), "description": f"batch-{n}"}])
                if st2 == 201:
                    with lock:
                        acked.add(n)
        except Exception:
            pass
        n += step


def list_all(base, token, path):
    out, url = [], path + ("&" if "?" in path else "?") + "limit=1000"
    while url:
        _, j = call(base, token, "GET", url)
        out.extend(j["results"])
        nxt = j["next"]
        url = nxt[len(base):] if nxt else None
    return out


def main():
    binary, db_url = os.path.abspath(sys.argv[1]), sys.argv[2]
    workdir = tempfile.mkdtemp(prefix="ironbox-crash-")
    srv = Server(binary, db_url, workdir)
    srv.start()
    token = srv.token()
    acked, lock, stop = set(), threading.Lock(), threading.Event()
    threads = [threading.Thread(target=writer, args=(srv.base, token, i, 4, 100000, acked, lock, stop)) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(random.uniform(2.0, 4.0))
    srv.kill9()
    stop.set()
    for t in threads:
        t.join()
    print(f"killed -9 after {len(acked)} acknowledged batches")
    if len(acked) < 5:
        raise SystemExit("too few writes acknowledged before the kill; the test proves nothing")

    srv.start()
    ips = list_all(srv.base, token, "/api/ipam/ip-addresses/?description__isw=batch-")
    prefixes = list_all(srv.base, token, "/api/ipam/prefixes/?description__isw=batch-")
    by_batch = {}
    for ip in ips:
        by_batch.setdefault(int(ip["description"].split("-")[1]), []).append(ip)
    pfx_batches = {int(p["description"].split("-")[1]) for p in prefixes}
    errors = []
    for n in acked:
        if len(by_batch.get(n, [])) != 10 or n not in pfx_batches:
            errors.append(f"acknowledged batch {n} incomplete: {len(by_batch.get(n, []))} addresses, prefix {n in pfx_batches}")
    for n, items in by_batch.items():
        if len(items) != 10:
            errors.append(f"batch {n} half written: {len(items)} of 10 addresses")
    # Change-log rows exist for every object (same transaction as the object).
    changes = list_all(srv.base, token, "/api/core/object-changes/?changed_object_type=ipam.ipaddress&action=create")
    logged = {c["changed_object_id"] for c in changes}
    missing = [ip["id"] for ip in ips if ip["id"] not in logged]
    if missing:
        errors.append(f"{len(missing)} addresses without a change-log row")
    # Prefix bookkeeping equals a recomputation.
    nets = [(p["id"], ipaddress.ip_network(p["prefix"])) for p in list_all(srv.base, token, "/api/ipam/prefixes/?vrf_id=null")]
    full = {p["id"]: p for p in list_all(srv.base, token, "/api/ipam/prefixes/?vrf_id=null")}
    for pid, net in nets:
        depth = sum(1 for _, o in nets if o != net and net.subnet_of(o))
        children = sum(1 for _, o in nets if o != net and o.subnet_of(net))
        if full[pid]["_depth"] != depth or full[pid]["children"] != children:
            errors.append(f"prefix {net}: depth/children {full[pid]['_depth']}/{full[pid]['children']} != {depth}/{children}")
    # The restarted server still accepts writes.
    st, _ = call(srv.base, token, "POST", "/api/tenancy/tenants/", {"name": "after-crash", "slug": "after-crash"})
    if st != 201:
        errors.append("server does not accept writes after restart")
    srv.proc.terminate()
    srv.proc.wait(timeout=30)
    if errors:
        for e in errors[:20]:
            print("FAIL:", e)
        print(f"crash test: 0 passed, 1 failed")
        raise SystemExit(1)
    print(f"crash test: {len(acked)} acknowledged batches intact, {len(by_batch) - len(acked)} unacknowledged batches complete or absent")
    print("1 passed, 0 failed")


if __name__ == "__main__":
    main()
