#!/usr/bin/env python3
"""Loads the DCIM benchmark data set through the REST API, the same way for Ironbox and NetBox.

    python3 bench/dcim_load.py BASE_URL "Bearer nbt_..." [N_DEVICES]

Data set (every name starts with "bench-"):
  5 sites x 5 racks (42U) = 25 racks; 4 device roles; one manufacturer;
  device type "bench-48p" with 48 interface templates et-0/0/0 .. et-0/0/47 (1U);
  1,000 devices of that type (40 per rack at U1..U40, site = the rack's site, role = device number % 4),
  so 48,000 interfaces, all instantiated by the server from the templates;
  patch-panel type "bench-pp-48" (rear port with 48 positions, Front1..Front48) and two panels at U41 of
  racks 1 and 2; a traced path bench-dev-0001 et-0/0/0 -> panel 1 Front1 -> (rear = rear) -> panel 2
  Front1 -> bench-dev-0002 et-0/0/0; and 500 direct cables bench-dev-(2k+1) et-0/0/47 <-> bench-dev-(2k+2)
  et-0/0/47 for k >= 1.

Devices go in bulk POSTs of 25 (NetBox instantiates 48 interfaces per device inside the request), cables
in bulk POSTs of 100. Re-running creates only what is missing, so an interrupted load resumes.
stdlib only.
"""
import json, sys, time, urllib.error, urllib.parse, urllib.request

base, auth = sys.argv[1].rstrip("/"), sys.argv[2]
N_DEV = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
N_SITES, RACKS_PER_SITE, PER_RACK, N_ROLES, N_IF = 5, 5, 40, 4, 48
assert N_DEV <= N_SITES * RACKS_PER_SITE * PER_RACK


def req(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    r = urllib.request.Request(base + path, data=data, method=method,
                               headers={"Authorization": auth, "Content-Type": "application/json",
                                        "Accept": "application/json"})
    try:
        with urllib.request.urlopen(r, timeout=1800) as resp:
            raw = resp.read()
            return json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{method} {path} -> {e.code}: {e.read()[:2000]!r}")


def get_all(path, **params):
    params.setdefault("limit", 1000)
    out, url = [], f"{path}?{urllib.parse.urlencode(params, doseq=True)}"
    while url:
        page = req("GET", url)
        out += page["results"]
        nxt = page.get("next")
        url = nxt[nxt.index("/api/"):] if nxt else None
    return out


def ensure(path, key, objs):
    """Create the objects of `objs` whose `key` value does not exist yet; return {key value: object}."""
    have = {o[key]: o for o in get_all(path, **{f"{key}__isw": "bench-"})}
    missing = [o for o in objs if o[key] not in have]
    for i in range(0, len(missing), 100):
        for o in req("POST", path, missing[i:i + 100]):
            have[o[key]] = o
    return have


t0 = time.time()
mfr = ensure("/api/dcim/manufacturers/", "slug", [{"name": "bench-mfr", "slug": "bench-mfr"}])["bench-mfr"]
sites = ensure("/api/dcim/sites/", "slug", [{"name": f"bench-site-{s}", "slug": f"bench-site-{s}"} for s in range(N_SITES)])
roles = ensure("/api/dcim/device-roles/", "slug",
               [{"name": f"bench-role-{r}", "slug": f"bench-role-{r}", "color": "4caf50"} for r in range(N_ROLES)])
rack_specs = [{"name": f"bench-rack-{s}-{k}", "site": sites[f"bench-site-{s}"]["id"], "u_height": 42}
              for s in range(N_SITES) for k in range(RACKS_PER_SITE)]
racks = ensure("/api/dcim/racks/", "name", rack_specs)
rack_list = [racks[r["name"]] for r in rack_specs]

types = ensure("/api/dcim/device-types/", "slug", [
    {"manufacturer": mfr["id"], "model": "bench-48p", "slug": "bench-48p", "u_height": 1},
    {"manufacturer": mfr["id"], "model": "bench-pp-48", "slug": "bench-pp-48", "u_height": 1}])
sw, pp = types["bench-48p"], types["bench-pp-48"]
if not get_all("/api/dcim/interface-templates/", device_type_id=sw["id"], limit=1):
    req("POST", "/api/dcim/interface-templates/",
        [{"device_type": sw["id"], "name": f"et-0/0/{i}", "type": "10gbase-x-sfpp"} for i in range(N_IF)])
if not get_all("/api/dcim/rear-port-templates/", device_type_id=pp["id"], limit=1):
    rpt = req("POST", "/api/dcim/rear-port-templates/", {"device_type": pp["id"], "name": "Rear", "type": "mpo",
                                                         "positions": N_IF})
    req("POST", "/api/dcim/front-port-templates/", [
        {"device_type": pp["id"], "name": f"Front{i}", "type": "lc",
         "rear_ports": [{"position": 1, "rear_port": rpt["id"], "rear_port_position": i}]} for i in range(1, N_IF + 1)])
t_types = time.time()


def dev_spec(n):  # n = 1 .. N_DEV
    rack = rack_list[(n - 1) // PER_RACK]
    return {"name": f"bench-dev-{n:04d}", "device_type": sw["id"], "role": roles[f"bench-role-{n % N_ROLES}"]["id"],
            "site": rack["site"]["id"], "rack": rack["id"], "position": (n - 1) % PER_RACK + 1, "face": "front",
            "status": "active"}


have = {d["name"]: d for d in get_all("/api/dcim/devices/", name__isw="bench-", brief=1)}
missing = [dev_spec(n) for n in range(1, N_DEV + 1) if f"bench-dev-{n:04d}" not in have]
missing += [{"name": f"bench-pp-{k}", "device_type": pp["id"], "role": roles["bench-role-0"]["id"],
             "site": rack_list[k - 1]["site"]["id"], "rack": rack_list[k - 1]["id"], "position": 41, "face": "front"}
            for k in (1, 2) if f"bench-pp-{k}" not in have]
for i in range(0, len(missing), 25):
    for d in req("POST", "/api/dcim/devices/", missing[i:i + 25]):
        have[d["name"]] = d
    if i and i % 200 == 0:
        print(f"  {len(have)} devices after {time.time() - t_types:.0f}s", file=sys.stderr, flush=True)
t_dev = time.time()


def iface(dev_name, if_name):
    return get_all("/api/dcim/interfaces/", device_id=have[dev_name]["id"], name=if_name, brief=1)[0]["id"]


def port(kind, dev_name, name=None):
    params = {"device_id": have[dev_name]["id"], "brief": 1}
    if name:
        params["name"] = name
    return get_all(f"/api/dcim/{kind}/", **params)[0]["id"]


labels = {c["label"] for c in get_all("/api/dcim/cables/", label__isw="bench-", brief=1)}
T = lambda t, i: [{"object_type": t, "object_id": i}]
cables = []
if "bench-trace-1" not in labels:
    cables += [
        {"label": "bench-trace-1", "a_terminations": T("dcim.interface", iface("bench-dev-0001", "et-0/0/0")),
         "b_terminations": T("dcim.frontport", port("front-ports", "bench-pp-1", "Front1"))},
        {"label": "bench-trace-2", "a_terminations": T("dcim.rearport", port("rear-ports", "bench-pp-1")),
         "b_terminations": T("dcim.rearport", port("rear-ports", "bench-pp-2"))},
        {"label": "bench-trace-3", "a_terminations": T("dcim.frontport", port("front-ports", "bench-pp-2", "Front1")),
         "b_terminations": T("dcim.interface", iface("bench-dev-0002", "et-0/0/0"))},
    ]
last = f"et-0/0/{N_IF - 1}"
want = [k for k in range(1, N_DEV // 2) if f"bench-link-{k}" not in labels]
if want:
    # the 48th interface of every device, in one listing
    ids = {i["device"]["name"]: i["id"] for i in get_all("/api/dcim/interfaces/", name=last, device_type_id=sw["id"], brief=1)}
    cables += [{"label": f"bench-link-{k}", "a_terminations": T("dcim.interface", ids[f"bench-dev-{2 * k + 1:04d}"]),
                "b_terminations": T("dcim.interface", ids[f"bench-dev-{2 * k + 2:04d}"])} for k in want]
for i in range(0, len(cables), 100):
    req("POST", "/api/dcim/cables/", cables[i:i + 100])
t_end = time.time()
n_if = req("GET", "/api/dcim/interfaces/?limit=1&brief=1&device_type_id=%d" % sw["id"])["count"]
n_cab = req("GET", "/api/dcim/cables/?limit=1&brief=1&label__isw=bench-")["count"]
if not missing and not cables:
    print(f"dcim data set already loaded: {len(have)} devices ({n_if} interfaces), {n_cab} cables")
else:
    print(f"loaded {len(have)} devices ({n_if} interfaces), {n_cab} cables in {t_end - t0:.1f}s "
          f"(types {t_types - t0:.1f}s, {len(missing)} new devices {t_dev - t_types:.1f}s, "
          f"{len(cables)} new cables {t_end - t_dev:.1f}s)")
