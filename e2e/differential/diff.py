#!/usr/bin/env python3
"""Differential test: run one scenario against NetBox and against Ironbox, compare the answers.

    diff.py record --url URL --token TOKEN --uid UID --out rec.json   # run the scenario, save answers
    diff.py compare netbox.json ironbox.json [--json report.json]      # report every difference

The scenario builds a small fixture through the REST API (tenancy, IPAM, DCIM, tags, users), then
asks every endpoint the same questions (list, detail, brief, fields/omit, OPTIONS, filters, traces,
elevations, available-*, error bodies) and deletes what it made. Answers are normalised while they
are recorded: ids become the fixture's labels (``<dcim.site:a>``), hosts disappear from URLs,
timestamps keep only their shape, secrets are blanked and the run's unique suffix becomes ``UID``,
so two recordings of the same scenario compare equal when the servers behave alike.
"""

import argparse
import json
import re
import sys
import time
import urllib.parse

import requests

# ---------------------------------------------------------------------------------------------
# The run's unique values. UID has no zero digit, so IPv6 text never compresses it.


class Uniq:
    def __init__(self, uid):
        assert re.fullmatch(r"[1-9a-f]{6}", uid), "uid: 6 characters of 1-9a-f"
        self.uid = uid
        self.asn = 4200000000 + int(uid, 16) % 90000000
        self.ula = f"fd{uid[:2]}:{uid[2:6]}"  # /48 of the aggregate and v6 prefixes
        # strings that carry the run's identity, longest first
        reps = [(self.ula, "fdUU:UUUU"), (uid, "UID")]
        for k in range(0, 40):
            a = self.asn + k
            reps.append((f"{a >> 16}.{a & 0xFFFF}", f"ASDOT+{k}"))
            reps.append((str(a), f"ASN+{k}"))
        self.reps = sorted(reps, key=lambda r: -len(r[0]))
        self.ints = {self.asn + k: f"ASN+{k}" for k in range(0, 40)}

    def scrub(self, s):
        for a, b in self.reps:
            if a in s:
                s = s.replace(a, b)
        return s


# ---------------------------------------------------------------------------------------------
# object types → API paths (generic references carry a type and an id)

TYPE_PATH = {}
for _app, _names in {
    "dcim": "cable cabletermination consoleport consoleporttemplate consoleserverport consoleserverporttemplate "
    "device devicebay devicebaytemplate devicerole devicetype frontport frontporttemplate interface "
    "interfacetemplate inventoryitem inventoryitemrole inventoryitemtemplate location macaddress manufacturer "
    "module modulebay modulebaytemplate moduletype platform powerfeed poweroutlet poweroutlettemplate "
    "powerpanel powerport powerporttemplate rack rackreservation rackrole racktype rearport rearporttemplate "
    "region site sitegroup virtualchassis virtualdevicecontext",
    "ipam": "aggregate asn asnrange fhrpgroup fhrpgroupassignment ipaddress iprange prefix rir role routetarget "
    "service servicetemplate vlan vlangroup vrf",
    "tenancy": "contact contactassignment contactgroup contactrole tenant tenantgroup",
    "extras": "tag",
    "users": "user group objectpermission token",
}.items():
    for _n in _names.split():
        TYPE_PATH[f"{_app}.{_n}"] = None  # filled from PATHS below

PATHS = {
    # api path -> object type
    "dcim/cables": "dcim.cable",
    "dcim/cable-terminations": "dcim.cabletermination",
    "dcim/console-ports": "dcim.consoleport",
    "dcim/console-port-templates": "dcim.consoleporttemplate",
    "dcim/console-server-ports": "dcim.consoleserverport",
    "dcim/console-server-port-templates": "dcim.consoleserverporttemplate",
    "dcim/devices": "dcim.device",
    "dcim/device-bays": "dcim.devicebay",
    "dcim/device-bay-templates": "dcim.devicebaytemplate",
    "dcim/device-roles": "dcim.devicerole",
    "dcim/device-types": "dcim.devicetype",
    "dcim/front-ports": "dcim.frontport",
    "dcim/front-port-templates": "dcim.frontporttemplate",
    "dcim/interfaces": "dcim.interface",
    "dcim/interface-templates": "dcim.interfacetemplate",
    "dcim/inventory-items": "dcim.inventoryitem",
    "dcim/inventory-item-roles": "dcim.inventoryitemrole",
    "dcim/inventory-item-templates": "dcim.inventoryitemtemplate",
    "dcim/locations": "dcim.location",
    "dcim/mac-addresses": "dcim.macaddress",
    "dcim/manufacturers": "dcim.manufacturer",
    "dcim/modules": "dcim.module",
    "dcim/module-bays": "dcim.modulebay",
    "dcim/module-bay-templates": "dcim.modulebaytemplate",
    "dcim/module-types": "dcim.moduletype",
    "dcim/platforms": "dcim.platform",
    "dcim/power-feeds": "dcim.powerfeed",
    "dcim/power-outlets": "dcim.poweroutlet",
    "dcim/power-outlet-templates": "dcim.poweroutlettemplate",
    "dcim/power-panels": "dcim.powerpanel",
    "dcim/power-ports": "dcim.powerport",
    "dcim/power-port-templates": "dcim.powerporttemplate",
    "dcim/racks": "dcim.rack",
    "dcim/rack-reservations": "dcim.rackreservation",
    "dcim/rack-roles": "dcim.rackrole",
    "dcim/rack-types": "dcim.racktype",
    "dcim/rear-ports": "dcim.rearport",
    "dcim/rear-port-templates": "dcim.rearporttemplate",
    "dcim/regions": "dcim.region",
    "dcim/sites": "dcim.site",
    "dcim/site-groups": "dcim.sitegroup",
    "dcim/virtual-chassis": "dcim.virtualchassis",
    "dcim/virtual-device-contexts": "dcim.virtualdevicecontext",
    "ipam/aggregates": "ipam.aggregate",
    "ipam/asns": "ipam.asn",
    "ipam/asn-ranges": "ipam.asnrange",
    "ipam/fhrp-groups": "ipam.fhrpgroup",
    "ipam/fhrp-group-assignments": "ipam.fhrpgroupassignment",
    "ipam/ip-addresses": "ipam.ipaddress",
    "ipam/ip-ranges": "ipam.iprange",
    "ipam/prefixes": "ipam.prefix",
    "ipam/rirs": "ipam.rir",
    "ipam/roles": "ipam.role",
    "ipam/route-targets": "ipam.routetarget",
    "ipam/services": "ipam.service",
    "ipam/service-templates": "ipam.servicetemplate",
    "ipam/vlans": "ipam.vlan",
    "ipam/vlan-groups": "ipam.vlangroup",
    "ipam/vrfs": "ipam.vrf",
    "tenancy/contacts": "tenancy.contact",
    "tenancy/contact-assignments": "tenancy.contactassignment",
    "tenancy/contact-groups": "tenancy.contactgroup",
    "tenancy/contact-roles": "tenancy.contactrole",
    "tenancy/tenants": "tenancy.tenant",
    "tenancy/tenant-groups": "tenancy.tenantgroup",
    "extras/tags": "extras.tag",
    "users/users": "users.user",
    "users/groups": "users.group",
    "users/permissions": "users.objectpermission",
    "users/tokens": "users.token",
}
for _p, _t in PATHS.items():
    TYPE_PATH[_t] = _p

COMPONENTS = [
    "dcim/interfaces",
    "dcim/console-ports",
    "dcim/console-server-ports",
    "dcim/power-ports",
    "dcim/power-outlets",
    "dcim/front-ports",
    "dcim/rear-ports",
    "dcim/device-bays",
    "dcim/module-bays",
    "dcim/inventory-items",
]

# ---------------------------------------------------------------------------------------------
# one server

DT_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
URL_RE = re.compile(r"https?://[^/\s\"]+(/api)?/([a-z-]+)/([a-z-]+)/(\d+)/")
SECRET_KEYS = {"key", "token", "password"}
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Server:
    def __init__(self, base, token, uniq, verbose=False):
        self.base = base.rstrip("/")
        self.uniq = uniq
        self.verbose = verbose
        self.s = requests.Session()
        self.s.headers["Accept"] = "application/json"
        self.auth = self.auth_header(token)
        self.ids = {}  # label -> id
        self.labels = {}  # (api path, id) -> label
        self.order = []  # (label, api path) in creation order
        self.tokens = {}  # name -> raw token value
        self.cases = {}
        self.log = []

    @staticmethod
    def auth_header(token):
        return f"Bearer {token}" if token.startswith("nbt_") else f"Token {token}"

    # ---- references: "@label" in bodies/params, "{label}" in paths
    def resolve(self, v):
        if isinstance(v, str) and v.startswith("@"):
            return self.ids[v[1:]]
        if isinstance(v, list):
            return [self.resolve(x) for x in v]
        if isinstance(v, dict):
            return {k: self.resolve(x) for k, x in v.items()}
        return v

    def resolve_path(self, path):
        return re.sub(r"\{([^}]+)\}", lambda m: str(self.ids[m.group(1)]), path)

    def register(self, label, path, oid):
        self.ids[label] = oid
        self.labels[(path, oid)] = label
        self.order.append((label, path))

    # ---- HTTP
    def http(self, method, path, body=None, params=None, raw=None, headers=None, auth="default"):
        url = self.base + "/api/" + path if not path.startswith("/") else self.base + path
        h = dict(headers or {})
        if auth == "default":
            h["Authorization"] = self.auth
        elif auth is not None:
            h["Authorization"] = auth
        data = None
        if raw is not None:
            data = raw
            h.setdefault("Content-Type", "application/json")
        elif body is not None:
            data = json.dumps(body)
            h["Content-Type"] = "application/json"
        for attempt in range(5):
            try:
                r = self.s.request(method, url, params=params, data=data, headers=h, timeout=120)
                break
            except requests.ConnectionError:
                if attempt == 4:
                    raise
                time.sleep(1 + attempt)
        ctype = r.headers.get("Content-Type", "").split(";")[0]
        try:
            js = r.json() if "json" in ctype else None
        except ValueError:
            js = None
        return r, js

    # ---- normalisation
    def norm_url(self, u):
        def sub(m):
            api, app, model, oid = m.group(1) or "", m.group(2), m.group(3), int(m.group(4))
            label = self.labels.get((f"{app}/{model}", oid), "?")
            return f"{api}/{app}/{model}/<{label}>/"

        u = URL_RE.sub(sub, u)
        u = re.sub(r"^https?://[^/\s]+", "", u)
        if "?" in u:
            head, q = u.split("?", 1)
            qs = urllib.parse.parse_qsl(q, keep_blank_values=True)
            out = []
            for k, v in qs:
                if k in ("id", "cursor") or k.endswith("_id") or k.endswith("__gt") or k.endswith("__lt") \
                        or (v.isdigit() and k not in ("limit", "offset")):
                    v = "<id>" if k != "cursor" else "<cursor>"
                out.append((k, v))
            u = head + "?" + urllib.parse.urlencode(out)
        return self.uniq.scrub(u)

    def label_of(self, path, oid):
        return "<" + self.labels.get((path, oid), "?") + ">"

    def norm_text(self, s):
        """Ids inside messages and display strings."""
        if s.startswith("Unable to delete object"):
            s = re.sub(r"\((\d+)\)", "(#)", s)
        s = re.sub(r"\b([a-z]+)\.([a-z]+) (\d+): cable (\d+)",
                   lambda m: f"{m.group(1)}.{m.group(2)} "
                   + self.label_of(TYPE_PATH.get(f"{m.group(1)}.{m.group(2)}") or "", int(m.group(3)))
                   + ": cable " + self.label_of("dcim/cables", int(m.group(4))), s)
        s = UUID_RE.sub("<uuid>", s)
        return self.uniq.scrub(s)

    def norm(self, v, key=None, parent=None, ctx=None):
        """`ctx` is the API path of the nearest enclosing object with a URL."""
        if isinstance(v, dict):
            out = {}
            own = None
            if isinstance(v.get("url"), str):
                m = URL_RE.search(v["url"])
                if m:
                    own = (f"{m.group(2)}/{m.group(3)}", int(m.group(4)))
                    ctx = own[0]
            for k, x in v.items():
                if k == "display" and own and isinstance(x, str):
                    # displays made of ids: cables (#id), modules (bay: type (id)), tokens (key)
                    if own[0] == "dcim/cables":
                        x = re.sub(r"^#\d+$", "#" + self.label_of(*own), x)
                    elif own[0] == "dcim/modules":
                        x = re.sub(r"\(\d+\)$", "(" + self.label_of(*own) + ")", x)
                    elif own[0] == "users/tokens":
                        x = "<token key>"
                if k in ("prechange_data", "postchange_data") and isinstance(x, dict):
                    out[k] = {ck: ("<int>" if isinstance(cv, int) and not isinstance(cv, bool) else
                                   ["<int>" if isinstance(e, int) else self.norm(e) for e in cv]
                                   if isinstance(cv, list) else self.norm(cv, ck)) for ck, cv in x.items()}
                    continue
                if k == "id" and isinstance(x, int):
                    out[k] = self.label_of(*own) if own else "<id>"
                elif isinstance(x, int) and not isinstance(x, bool) and k.endswith("_id") and k != "group_id":
                    base = k[: -len("_id")]
                    t = v.get(base + "_type")
                    if isinstance(t, str) and t in TYPE_PATH and TYPE_PATH[t]:
                        out[k] = self.label_of(TYPE_PATH[t], x)
                    else:
                        out[k] = "<id>"
                elif k in ("rear_port", "front_port") and isinstance(x, int) and not isinstance(x, bool):
                    kind = "dcim/" + k.replace("_", "-") + "s"
                    if (ctx or "").endswith("-templates"):
                        kind = kind[:-1] + "-templates"
                    out[k] = self.label_of(kind, x)
                elif k in SECRET_KEYS and isinstance(x, str) and x:
                    out[k] = "<secret>"
                else:
                    out[k] = self.norm(x, k, v, ctx)
            return out
        if isinstance(v, list):
            return [self.norm(x, key, parent, ctx) for x in v]
        if isinstance(v, str):
            if DT_RE.match(v) and key not in ("name", "description", "label"):
                return "<datetime " + re.sub(r"\d", "d", v) + ">"
            if v.startswith("http://") or v.startswith("https://") or v.startswith("/api/"):
                return self.norm_url(v)
            return self.norm_text(v)
        if isinstance(v, int) and not isinstance(v, bool) and v in self.uniq.ints:
            return self.uniq.ints[v]
        return v

    # ---- recording
    def case(self, cid, method, path, body=None, params=None, raw=None, headers=None, auth="default", keep=None,
             label=None):
        """Run one request and record its normalised answer under `cid`. Returns (status, json)."""
        try:
            rpath = self.resolve_path(path)
            rbody = self.resolve(body) if body is not None else None
            rparams = [(k, self.resolve(v)) for k, v in (params or [])]
            if rparams:
                flat = []
                for k, v in rparams:
                    if isinstance(v, list):
                        flat += [(k, x) for x in v]
                    else:
                        flat.append((k, v))
                rparams = flat
        except KeyError as e:
            self.cases[cid] = {"req": f"{method} {path}", "skipped": f"missing fixture object {e}"}
            return None, None
        r, js = self.http(method, rpath, body=rbody, params=rparams or None, raw=raw, headers=headers, auth=auth)
        # whatever a case created (on purpose or not) is deleted at the end
        if method == "POST" and r.status_code == 201:
            objs = js if isinstance(js, list) else [js]
            names = label if isinstance(label, list) else [label] * len(objs)
            for n, (obj, name) in enumerate(zip(objs, names)):
                m = URL_RE.search(obj.get("url", "")) if isinstance(obj, dict) else None
                if m and (f"{m.group(2)}/{m.group(3)}", obj["id"]) not in self.labels:
                    self.register(name or f"auto.{cid}.{n}", f"{m.group(2)}/{m.group(3)}", obj["id"])
        rec = {
            "req": f"{method} {path}" + ("?" + "&".join(
                f"{k}={','.join(map(str, v)) if isinstance(v, list) else v}" for k, v in params) if params else ""),
            "status": r.status_code,
            "ctype": r.headers.get("Content-Type", "").split(";")[0],
        }
        if keep:
            rec["headers"] = {h: self.norm_url(r.headers.get(h, "")) for h in keep}
        if js is not None:
            rec["body"] = self.norm(js)
        elif r.status_code != 204:
            rec["text"] = self.uniq.scrub(r.text[:300])
        if self.verbose:
            print(f"{r.status_code} {cid}", file=sys.stderr)
        self.cases[cid] = rec
        return r.status_code, js


# ---------------------------------------------------------------------------------------------
# the fixture: (label, api path, body); "@label" refers to an earlier object


def fixture(u):
    U = u.uid
    v6 = u.ula
    steps = []

    def add(label, path, /, **body):
        steps.append(("create", label, path, body))

    def bulk(labels, path, bodies):
        steps.append(("bulk", labels, path, bodies))

    def patch(label, path, /, **body):
        steps.append(("patch", label, path, body))

    def components(dev):
        steps.append(("components", dev, None, None))

    tags = ["@tag.blue"]
    add("tag.blue", "extras/tags", name=f"cmp-blue-{U}", slug=f"cmp-blue-{U}", color="2196f3")
    add("tag.red", "extras/tags", name=f"cmp-red-{U}", slug=f"cmp-red-{U}", color="f44336", description="red")
    tagref = [{"slug": f"cmp-blue-{U}"}]

    # tenancy
    add("tenancy.tenantgroup.root", "tenancy/tenant-groups", name=f"cmp-tg-{U}", slug=f"cmp-tg-{U}", tags=tags)
    add("tenancy.tenantgroup.child", "tenancy/tenant-groups", name=f"cmp-tg-child-{U}", slug=f"cmp-tg-child-{U}",
        parent="@tenancy.tenantgroup.root")
    add("tenancy.tenant.a", "tenancy/tenants", name=f"cmp-tenant-a-{U}", slug=f"cmp-tenant-a-{U}",
        group="@tenancy.tenantgroup.child", tags=tagref, description="first")
    add("tenancy.tenant.b", "tenancy/tenants", name=f"cmp-tenant-b-{U}", slug=f"cmp-tenant-b-{U}")
    add("tenancy.contactgroup", "tenancy/contact-groups", name=f"cmp-cg-{U}", slug=f"cmp-cg-{U}")
    add("tenancy.contactrole", "tenancy/contact-roles", name=f"cmp-cr-{U}", slug=f"cmp-cr-{U}")
    add("tenancy.contact", "tenancy/contacts", name=f"cmp-contact-{U}", groups=["@tenancy.contactgroup"],
        email="noc@example.com", phone="+1 555", tags=tags)

    # IPAM
    add("ipam.rir", "ipam/rirs", name=f"cmp-rir-{U}", slug=f"cmp-rir-{U}", is_private=True)
    add("ipam.role", "ipam/roles", name=f"cmp-role-{U}", slug=f"cmp-role-{U}", weight=500)
    add("ipam.rt.a", "ipam/route-targets", name=f"65000:{int(U, 16) % 60000}", tenant="@tenancy.tenant.a")
    add("ipam.vrf", "ipam/vrfs", name=f"cmp-vrf-{U}", rd=f"cmp:{U}", enforce_unique=True, tenant="@tenancy.tenant.a",
        import_targets=["@ipam.rt.a"], tags=tags)
    add("ipam.vrf.b", "ipam/vrfs", name=f"cmp-vrf-b-{U}")
    add("ipam.aggregate", "ipam/aggregates", prefix=f"{v6}::/48", rir="@ipam.rir", date_added="2024-01-02",
        tags=tags)
    add("ipam.asnrange", "ipam/asn-ranges", name=f"cmp-asnr-{U}", slug=f"cmp-asnr-{U}", rir="@ipam.rir",
        start=u.asn + 10, end=u.asn + 19)
    add("ipam.asn", "ipam/asns", asn=u.asn, rir="@ipam.rir", tenant="@tenancy.tenant.a")

    # DCIM: places
    add("dcim.region.root", "dcim/regions", name=f"cmp-region-{U}", slug=f"cmp-region-{U}", tags=tags)
    add("dcim.region.child", "dcim/regions", name=f"cmp-subregion-{U}", slug=f"cmp-subregion-{U}",
        parent="@dcim.region.root")
    add("dcim.sitegroup", "dcim/site-groups", name=f"cmp-sg-{U}", slug=f"cmp-sg-{U}")
    add("dcim.site.a", "dcim/sites", name=f"cmp-site-a-{U}", slug=f"cmp-site-a-{U}", region="@dcim.region.child",
        group="@dcim.sitegroup", status="active", facility="FRA1", time_zone="Europe/Berlin", latitude=50.110924,
        longitude=8.682127, tenant="@tenancy.tenant.a", asns=["@ipam.asn"], tags=tags, physical_address="Main St 1")
    add("dcim.site.b", "dcim/sites", name=f"cmp-site-b-{U}", slug=f"cmp-site-b-{U}", region="@dcim.region.root",
        status="planned")
    add("dcim.location.hall", "dcim/locations", name=f"cmp-hall-{U}", slug=f"cmp-hall-{U}", site="@dcim.site.a",
        status="active", tags=tags)
    add("dcim.location.room", "dcim/locations", name=f"cmp-room-{U}", slug=f"cmp-room-{U}", site="@dcim.site.a",
        parent="@dcim.location.hall")
    add("tenancy.contactassignment", "tenancy/contact-assignments", object_type="dcim.site",
        object_id="@dcim.site.a", contact="@tenancy.contact", role="@tenancy.contactrole", priority="primary")
    add("dcim.rackrole", "dcim/rack-roles", name=f"cmp-rackrole-{U}", slug=f"cmp-rackrole-{U}", color="2196f3")
    add("dcim.manufacturer", "dcim/manufacturers", name=f"cmp-mfr-{U}", slug=f"cmp-mfr-{U}", tags=tags)
    add("dcim.racktype", "dcim/rack-types", manufacturer="@dcim.manufacturer", model=f"cmp-RT-{U}",
        slug=f"cmp-rt-{U}", form_factor="4-post-cabinet", width=19, u_height=42)
    add("dcim.rack.a", "dcim/racks", name=f"cmp-rack-a-{U}", site="@dcim.site.a", location="@dcim.location.room",
        role="@dcim.rackrole", u_height=42, status="active", tenant="@tenancy.tenant.a", tags=tags,
        facility_id=f"F-{U}")
    add("dcim.rack.b", "dcim/racks", name=f"cmp-rack-b-{U}", site="@dcim.site.b", u_height=24, desc_units=True,
        rack_type="@dcim.racktype")

    # IPAM continued (scoped prefixes, VLANs)
    add("ipam.prefix.container", "ipam/prefixes", prefix="10.80.0.0/16", vrf="@ipam.vrf", status="container",
        tags=tags)
    add("ipam.prefix.a", "ipam/prefixes", prefix="10.80.1.0/24", vrf="@ipam.vrf", status="active",
        scope_type="dcim.site", scope_id="@dcim.site.a", tenant="@tenancy.tenant.a", role="@ipam.role",
        is_pool=False, description="users")
    add("ipam.prefix.b", "ipam/prefixes", prefix="10.80.2.0/28", vrf="@ipam.vrf", status="reserved",
        mark_utilized=True)
    add("ipam.prefix.v6", "ipam/prefixes", prefix=f"{v6}:1::/64", vrf="@ipam.vrf")
    add("ipam.iprange", "ipam/ip-ranges", start_address="10.80.1.100/24", end_address="10.80.1.109/24",
        vrf="@ipam.vrf", status="active", tags=tags, role="@ipam.role")
    add("ipam.ip.a", "ipam/ip-addresses", address="10.80.1.1/24", vrf="@ipam.vrf", status="active",
        dns_name="gw.example.com", role="vip", tags=tags, tenant="@tenancy.tenant.a")
    add("ipam.ip.b", "ipam/ip-addresses", address="10.80.1.2/24", vrf="@ipam.vrf", status="reserved")
    add("ipam.ip.v6", "ipam/ip-addresses", address=f"{v6}:1::1/64", vrf="@ipam.vrf")
    add("ipam.vlangroup", "ipam/vlan-groups", name=f"cmp-vg-{U}", slug=f"cmp-vg-{U}", scope_type="dcim.site",
        scope_id="@dcim.site.a", vid_ranges=[[100, 199]], tags=tags)
    add("ipam.vlan.100", "ipam/vlans", vid=100, name=f"cmp-users-{U}", group="@ipam.vlangroup", status="active",
        tenant="@tenancy.tenant.a", tags=tags)
    add("ipam.vlan.101", "ipam/vlans", vid=101, name=f"cmp-voice-{U}", group="@ipam.vlangroup")
    add("ipam.vlan.free", "ipam/vlans", vid=3999, name=f"cmp-free-{U}", site="@dcim.site.b", status="reserved")
    add("ipam.servicetemplate", "ipam/service-templates", name=f"cmp-st-{U}", protocol="tcp", ports=[22, 443])
    add("ipam.fhrp", "ipam/fhrp-groups", protocol="vrrp2", group_id=7, name=f"cmp-fhrp-{U}",
        auth_type="plaintext", auth_key="s3cret")

    # DCIM: types with templates
    add("dcim.platform", "dcim/platforms", name=f"cmp-os-{U}", slug=f"cmp-os-{U}", manufacturer="@dcim.manufacturer")
    add("dcim.role.access", "dcim/device-roles", name=f"cmp-access-{U}", slug=f"cmp-access-{U}", color="4caf50",
        vm_role=False, tags=tags)
    add("dcim.role.patch", "dcim/device-roles", name=f"cmp-patch-{U}", slug=f"cmp-patch-{U}", color="9e9e9e")
    add("dcim.dt.sw", "dcim/device-types", manufacturer="@dcim.manufacturer", model=f"cmp-SW-{U}",
        slug=f"cmp-sw-{U}", u_height=1, is_full_depth=True, part_number="SW-1", tags=tags, airflow="front-to-rear")
    bulk(["dcim.it.gi2", "dcim.it.gi1", "dcim.it.mgmt"], "dcim/interface-templates", [
        {"device_type": "@dcim.dt.sw", "name": "Gi1/0/2", "type": "1000base-t"},
        {"device_type": "@dcim.dt.sw", "name": "Gi1/0/1", "type": "1000base-t", "poe_mode": "pse",
         "poe_type": "type2-ieee802.3at"},
        {"device_type": "@dcim.dt.sw", "name": "mgmt0", "type": "1000base-t", "mgmt_only": True},
    ])
    add("dcim.cpt", "dcim/console-port-templates", device_type="@dcim.dt.sw", name="con0", type="rj-45")
    add("dcim.ppt.psu1", "dcim/power-port-templates", device_type="@dcim.dt.sw", name="PSU1",
        type="iec-60320-c14", maximum_draw=150, allocated_draw=100)
    add("dcim.mbt.1", "dcim/module-bay-templates", device_type="@dcim.dt.sw", name="Slot 1", position="1")
    add("dcim.mbt.2", "dcim/module-bay-templates", device_type="@dcim.dt.sw", name="Slot 2", position="2")
    add("dcim.iit", "dcim/inventory-item-templates", device_type="@dcim.dt.sw", name="Fan tray")
    add("dcim.dt.pp", "dcim/device-types", manufacturer="@dcim.manufacturer", model=f"cmp-PP-{U}",
        slug=f"cmp-pp-{U}", u_height=1)
    add("dcim.rpt", "dcim/rear-port-templates", device_type="@dcim.dt.pp", name="Rear", type="mpo", positions=4)
    bulk(["dcim.fpt.1", "dcim.fpt.2"], "dcim/front-port-templates", [
        {"device_type": "@dcim.dt.pp", "name": f"Front{i}", "type": "lc",
         "rear_ports": [{"position": 1, "rear_port": "@dcim.rpt", "rear_port_position": i}]} for i in (1, 2)
    ])
    add("dcim.dt.chassis", "dcim/device-types", manufacturer="@dcim.manufacturer", model=f"cmp-CH-{U}",
        slug=f"cmp-ch-{U}", u_height=2, subdevice_role="parent")
    add("dcim.dbt", "dcim/device-bay-templates", device_type="@dcim.dt.chassis", name="Bay 1")
    add("dcim.dt.blade", "dcim/device-types", manufacturer="@dcim.manufacturer", model=f"cmp-BL-{U}",
        slug=f"cmp-bl-{U}", u_height=0, subdevice_role="child")
    add("dcim.dt.pdu", "dcim/device-types", manufacturer="@dcim.manufacturer", model=f"cmp-PDU-{U}",
        slug=f"cmp-pdu-{U}", u_height=0)
    add("dcim.ppt.inlet", "dcim/power-port-templates", device_type="@dcim.dt.pdu", name="Inlet",
        type="iec-60309-3p-e-4h")
    add("dcim.pot", "dcim/power-outlet-templates", device_type="@dcim.dt.pdu", name="Outlet1",
        type="iec-60320-c13", power_port="@dcim.ppt.inlet", feed_leg="A")
    add("dcim.csp", "dcim/console-server-port-templates", device_type="@dcim.dt.pdu", name="ttyS0", type="rj-45")
    add("dcim.moduletype", "dcim/module-types", manufacturer="@dcim.manufacturer", model=f"cmp-LC-{U}",
        part_number="LC-4")
    add("dcim.it.module", "dcim/interface-templates", module_type="@dcim.moduletype", name="Te{module}/0/1",
        type="10gbase-x-sfpp")
    add("dcim.iirole", "dcim/inventory-item-roles", name=f"cmp-iir-{U}", slug=f"cmp-iir-{U}", color="ff0000")

    # devices
    add("dcim.device.swa", "dcim/devices", name=f"cmp-sw-a-{U}", device_type="@dcim.dt.sw",
        role="@dcim.role.access", site="@dcim.site.a", location="@dcim.location.room", rack="@dcim.rack.a",
        position=10, face="front", platform="@dcim.platform", serial=f"SN-A-{U}", tenant="@tenancy.tenant.a",
        status="active", tags=tags, airflow="front-to-rear")
    components("dcim.device.swa")
    add("dcim.device.swb", "dcim/devices", name=f"cmp-sw-b-{U}", device_type="@dcim.dt.sw",
        role="@dcim.role.access", site="@dcim.site.b", rack="@dcim.rack.b", position=5, face="rear")
    components("dcim.device.swb")
    add("dcim.device.ppa", "dcim/devices", name=f"cmp-pp-a-{U}", device_type="@dcim.dt.pp",
        role="@dcim.role.patch", site="@dcim.site.a", location="@dcim.location.room", rack="@dcim.rack.a",
        position=40, face="front")
    components("dcim.device.ppa")
    add("dcim.device.ppb", "dcim/devices", name=f"cmp-pp-b-{U}", device_type="@dcim.dt.pp",
        role="@dcim.role.patch", site="@dcim.site.b", rack="@dcim.rack.b", position=20, face="front")
    components("dcim.device.ppb")
    add("dcim.device.pdu", "dcim/devices", name=f"cmp-pdu-{U}", device_type="@dcim.dt.pdu",
        role="@dcim.role.patch", site="@dcim.site.a", rack="@dcim.rack.a")
    components("dcim.device.pdu")
    add("dcim.device.chassis", "dcim/devices", name=f"cmp-ch-{U}", device_type="@dcim.dt.chassis",
        role="@dcim.role.access", site="@dcim.site.a", rack="@dcim.rack.a", position=20, face="front")
    components("dcim.device.chassis")
    add("dcim.device.blade", "dcim/devices", name=f"cmp-blade-{U}", device_type="@dcim.dt.blade",
        role="@dcim.role.access", site="@dcim.site.a", rack="@dcim.rack.a")
    patch("dcim.devicebay.chassis.Bay 1", "dcim/device-bays", installed_device="@dcim.device.blade")
    add("dcim.module", "dcim/modules", device="@dcim.device.swa", module_bay="@dcim.modulebay.swa.Slot 1",
        module_type="@dcim.moduletype", serial=f"M-{U}", status="active")
    components("dcim.device.swa")
    add("dcim.interface.swa.Vlan100", "dcim/interfaces", device="@dcim.device.swa", name="Vlan100", type="virtual",
        mode="access", untagged_vlan="@ipam.vlan.100", tags=tags)
    add("dcim.interface.swa.Po1", "dcim/interfaces", device="@dcim.device.swa", name="Po1", type="lag",
        mode="tagged", untagged_vlan="@ipam.vlan.100", tagged_vlans=["@ipam.vlan.101"])
    patch("dcim.interface.swa.Gi1/0/2", "dcim/interfaces", lag="@dcim.interface.swa.Po1", description="member",
          mtu=9000, enabled=True)
    add("dcim.inventoryitem", "dcim/inventory-items", device="@dcim.device.swa", name="SFP1",
        role="@dcim.iirole", manufacturer="@dcim.manufacturer", part_id="SFP-10G", serial=f"I-{U}")
    add("dcim.mac.a", "dcim/mac-addresses", mac_address="02:00:00:00:00:01", assigned_object_type="dcim.interface",
        assigned_object_id="@dcim.interface.swa.Gi1/0/1", tags=tags)
    patch("dcim.interface.swa.Gi1/0/1", "dcim/interfaces", primary_mac_address="@dcim.mac.a")
    add("ipam.ip.if", "ipam/ip-addresses", address="10.80.1.10/24", vrf="@ipam.vrf",
        assigned_object_type="dcim.interface", assigned_object_id="@dcim.interface.swa.mgmt0")
    patch("dcim.device.swa", "dcim/devices", primary_ip4="@ipam.ip.if")
    add("ipam.fhrpassign", "ipam/fhrp-group-assignments", group="@ipam.fhrp", interface_type="dcim.interface",
        interface_id="@dcim.interface.swa.Vlan100", priority=100)
    add("ipam.service", "ipam/services", parent_object_type="dcim.device", parent_object_id="@dcim.device.swa",
        name="ssh", protocol="tcp", ports=[22], ipaddresses=["@ipam.ip.if"], tags=tags)
    add("dcim.rackreservation", "dcim/rack-reservations", rack="@dcim.rack.a", units=[30, 31],
        user="@users.user.admin", description=f"cmp-res-{U}", tenant="@tenancy.tenant.a")

    # cables: sw-a Gi1/0/1 - pp-a Front1 | pp-a Rear = pp-b Rear | pp-b Front1 - sw-b Gi1/0/1
    def term(t, lbl):
        return [{"object_type": t, "object_id": "@" + lbl}]

    add("dcim.cable.1", "dcim/cables", a_terminations=term("dcim.interface", "dcim.interface.swa.Gi1/0/1"),
        b_terminations=term("dcim.frontport", "dcim.frontport.ppa.Front1"), label=f"cmp-c1-{U}", type="cat6",
        color="ff0000", length=2, length_unit="m", status="connected", tags=tags)
    add("dcim.cable.trunk", "dcim/cables", a_terminations=term("dcim.rearport", "dcim.rearport.ppa.Rear"),
        b_terminations=term("dcim.rearport", "dcim.rearport.ppb.Rear"), label=f"cmp-trunk-{U}", type="mmf-om4")
    add("dcim.cable.3", "dcim/cables", a_terminations=term("dcim.frontport", "dcim.frontport.ppb.Front1"),
        b_terminations=term("dcim.interface", "dcim.interface.swb.Gi1/0/1"), label=f"cmp-c3-{U}")
    add("dcim.cable.console", "dcim/cables", a_terminations=term("dcim.consoleport", "dcim.consoleport.swa.con0"),
        b_terminations=term("dcim.consoleserverport", "dcim.consoleserverport.pdu.ttyS0"))

    # power
    add("dcim.powerpanel", "dcim/power-panels", site="@dcim.site.a", location="@dcim.location.room",
        name=f"cmp-panel-{U}", tags=tags)
    add("dcim.powerfeed", "dcim/power-feeds", power_panel="@dcim.powerpanel", rack="@dcim.rack.a",
        name=f"cmp-feed-{U}", status="active", type="primary", supply="ac", phase="three-phase", voltage=400,
        amperage=32, max_utilization=80, tags=tags)
    add("dcim.cable.power", "dcim/cables", a_terminations=term("dcim.powerfeed", "dcim.powerfeed"),
        b_terminations=term("dcim.powerport", "dcim.powerport.pdu.Inlet"))
    add("dcim.cable.psu", "dcim/cables", a_terminations=term("dcim.poweroutlet", "dcim.poweroutlet.pdu.Outlet1"),
        b_terminations=term("dcim.powerport", "dcim.powerport.swa.PSU1"))

    # virtual chassis
    add("dcim.vc", "dcim/virtual-chassis", name=f"cmp-vc-{U}", domain=f"cmp-{U}", tags=tags)
    patch("dcim.device.swa", "dcim/devices", virtual_chassis="@dcim.vc", vc_position=1, vc_priority=10)
    patch("dcim.device.swb", "dcim/devices", virtual_chassis="@dcim.vc", vc_position=2)
    patch("dcim.vc", "dcim/virtual-chassis", master="@dcim.device.swa")
    add("dcim.vdc", "dcim/virtual-device-contexts", device="@dcim.device.swa", name=f"cmp-vdc-{U}", status="active",
        identifier=1)

    # users
    add("users.group", "users/groups", name=f"cmp-group-{U}", description="readers")
    add("users.user.reader", "users/users", username=f"cmp-reader-{U}", password="Cmp-pass-1234!",
        first_name="Read", last_name="Er", email="reader@example.com", groups=["@users.group"])
    add("users.user.nobody", "users/users", username=f"cmp-nobody-{U}", password="Cmp-pass-1234!")
    add("users.permission", "users/permissions", name=f"cmp-perm-{U}", object_types=["dcim.site", "ipam.prefix"],
        actions=["view"], constraints={"tenant__slug": f"cmp-tenant-a-{U}"}, groups=["@users.group"],
        description="only tenant a")
    add("users.token.reader", "users/tokens", user="@users.user.reader", description=f"cmp-token-{U}",
        write_enabled=False)
    add("users.token.nobody", "users/tokens", user="@users.user.nobody", description=f"cmp-token-nobody-{U}")
    return steps


# ---------------------------------------------------------------------------------------------
# the scenario


def short(path):
    return PATHS[path].split(".")[1]


def build(srv, u):
    """Create the fixture, recording every answer."""
    # the superuser running the scenario
    r, js = srv.http("GET", "users/users/", params={"username": "admin"})
    if js and js.get("results"):
        srv.register("users.user.admin", "users/users", js["results"][0]["id"])
    for n, (kind, label, path, body) in enumerate(fixture(u)):
        if kind == "create":
            st, js = srv.case(f"create {label}", "POST", path + "/", body=body, label=label)
            if st == 201 and isinstance(js, dict):
                if path == "users/tokens" and js.get("token"):
                    srv.tokens[label] = (js.get("key"), js["token"], js.get("version"))
            elif st is not None and st != 201:
                print(f"  {label}: {st} {json.dumps(js)[:300]}", file=sys.stderr)
        elif kind == "bulk":
            st, js = srv.case(f"bulk-create {'+'.join(label)}", "POST", path + "/", body=body, label=label)
            if st != 201 and st is not None:
                print(f"  {label}: {st} {json.dumps(js)[:300]}", file=sys.stderr)
        elif kind == "patch":
            st, js = srv.case(f"patch {label} {','.join(body)}", "PATCH", path + "/{" + label + "}/", body=body)
            if st is not None and st != 200:
                print(f"  patch {label}: {st} {json.dumps(js)[:300]}", file=sys.stderr)
        elif kind == "components":
            dev = label
            if dev not in srv.ids:
                continue
            devshort = dev.split(".")[-1]
            for cp in COMPONENTS:
                r, js = srv.http("GET", cp + "/", params={"device_id": srv.ids[dev], "limit": 1000})
                for obj in (js or {}).get("results", []):
                    lb = f"dcim.{short(cp)}.{devshort}.{obj['name']}"
                    if lb not in srv.ids:
                        srv.register(lb, cp, obj["id"])
    # cable terminations: label by cable and end
    for label, path in list(srv.order):
        if path == "dcim/cables":
            r, js = srv.http("GET", "dcim/cable-terminations/", params={"cable_id": srv.ids[label]})
            for obj in (js or {}).get("results", []):
                lb = f"dcim.cabletermination.{label.split('.', 2)[-1]}.{obj['cable_end']}"
                srv.labels[("dcim/cable-terminations", obj["id"])] = lb
                srv.ids[lb] = obj["id"]


def endpoints(srv):
    """api path -> labels of the fixture objects there, in creation order."""
    out = {}
    for label, path in srv.order:
        if label == "users.user.admin":
            continue
        out.setdefault(path, []).append(label)
    return out


def filter_params(path, body):
    """Filters derived from the create body: plain values as given, references as `<name>_id`."""
    ps = []
    for k, v in body.items():
        if k in ("password", "auth_key", "latitude", "longitude", "rear_ports", "units", "constraints",
                 "a_terminations", "b_terminations", "vid_ranges", "ports", "object_types", "actions"):
            continue
        if isinstance(v, str) and v.startswith("@"):
            if k.endswith("_id"):
                ps.append((k, v))
            else:
                ps.append((k + "_id", v))
        elif isinstance(v, (str, int)) and not isinstance(v, bool):
            ps.append((k, v))
        elif isinstance(v, bool):
            ps.append((k, str(v).lower()))
        elif isinstance(v, list) and v and isinstance(v[0], str) and v[0].startswith("@"):
            ps.append((k + "_id", v[0]))
    return ps


EXTRA_FILTERS = {
    "dcim/sites": [[("region_id", "@dcim.region.root")], [("region", "cmp-region-UID")], [("q", "FRA1")],
                   [("status", ["active", "planned"])], [("tag", "cmp-blue-UID")], [("status__n", "active")],
                   [("name__ic", "SITE-A")], [("slug__isw", "cmp-site")], [("asn_id", "@ipam.asn")],
                   [("facility__empty", "true")], [("ordering", "-name")], [("ordering", "status")],
                   [("group", "cmp-sg-UID")], [("latitude__gte", "50")]],
    "dcim/regions": [[("parent_id", "@dcim.region.root")], [("ancestor_id", "@dcim.region.root")],
                     [("ordering", "-name")], [("site_id", "@dcim.site.a")]],
    "dcim/locations": [[("parent_id", "@dcim.location.hall")], [("ancestor_id", "@dcim.location.hall")],
                       [("site", "cmp-site-a-UID")], [("region_id", "@dcim.region.root")]],
    "dcim/racks": [[("site_id", "@dcim.site.a")], [("location_id", "@dcim.location.hall")],
                   [("u_height__gte", "30")], [("q", "rack-b")], [("ordering", "-u_height")]],
    "dcim/devices": [[("site_id", "@dcim.site.a")], [("rack_id", "@dcim.rack.a")], [("role", "cmp-access-UID")],
                     [("manufacturer", "cmp-mfr-UID")], [("has_primary_ip", "true")], [("q", "sw-")],
                     [("virtual_chassis_member", "true")], [("position__gte", "10")], [("ordering", "-position")],
                     [("device_type_id", "@dcim.dt.sw")], [("is_full_depth", "true")], [("cabled", "true")],
                     [("location_id", "@dcim.location.hall")], [("region_id", "@dcim.region.root")],
                     [("parent_device_id", "@dcim.device.chassis")], [("serial", "sn-a-UID")],
                     [("ordering", "name")], [("mac_address", "02:00:00:00:00:01")], [("has_oob_ip", "false")],
                     [("console_ports", "true")], [("interfaces", "false")]],
    "dcim/interfaces": [[("device_id", "@dcim.device.swa")], [("cabled", "true")], [("connected", "true")],
                        [("type", "virtual")], [("mgmt_only", "true")], [("lag_id", "@dcim.interface.swa.Po1")],
                        [("kind", "physical")], [("vlan_id", "@ipam.vlan.100")], [("mode", "access")],
                        [("name", "Gi1/0/1")], [("ordering", "-name")], [("ordering", "name")],
                        [("mac_address", "02:00:00:00:00:01")], [("vdc_id", "@dcim.vdc")],
                        [("module_id", "@dcim.module")], [("q", "gi1/0/1")], [("virtual_chassis_id", "@dcim.vc")],
                        [("device", "cmp-sw-a-UID")], [("occupied", "true")], [("poe_mode", "pse")]],
    "dcim/front-ports": [[("cabled", "true")], [("rear_port_id", "@dcim.rearport.ppa.Rear")]],
    "dcim/rear-ports": [[("cabled", "true")], [("positions__gt", "1")]],
    "dcim/cables": [[("device_id", "@dcim.device.swa")], [("site_id", "@dcim.site.b")], [("type", "cat6")],
                    [("rack_id", "@dcim.rack.a")], [("termination_a_type", "dcim.interface")],
                    [("interface_id", "@dcim.interface.swa.Gi1/0/1")], [("status", "connected")],
                    [("color", "ff0000")], [("unterminated", "false")]],
    "dcim/cable-terminations": [[("cable_id", "@dcim.cable.1")], [("termination_type", "dcim.rearport")],
                                [("cable_end", "A")]],
    "ipam/prefixes": [[("within", "10.80.0.0/16")], [("within_include", "10.80.0.0/16")],
                      [("contains", "10.80.1.5")], [("family", "6")], [("mask_length", "24")],
                      [("mask_length__gte", "24")], [("vrf", "cmp:UID")], [("q", "10.80.1")],
                      [("site_id", "@dcim.site.a")], [("region_id", "@dcim.region.root")],
                      [("status", "container")], [("depth", "1")], [("children", "0")], [("parent", "10.80.0.0/16")],
                      [("prefix", "10.80.1.0/24")], [("ordering", "-prefix")], [("ordering", "vrf")],
                      [("present_in_vrf_id", "@ipam.vrf")], [("role", "cmp-role-UID")], [("tenant", "cmp-tenant-a-UID")]],
    "ipam/ip-addresses": [[("parent", "10.80.1.0/24")], [("family", "4")], [("mask_length", "24")],
                          [("q", "10.80.1.1")], [("assigned_to_interface", "true")],
                          [("device_id", "@dcim.device.swa")], [("interface", "mgmt0")],
                          [("address", "10.80.1.1")], [("address", "10.80.1.1/24")], [("dns_name", "gw.example.com")],
                          [("role", "vip")], [("ordering", "-address")], [("vrf_id", "null")],
                          [("present_in_vrf", "cmp:UID")], [("assigned", "false")]],
    "ipam/vlans": [[("group_id", "@ipam.vlangroup")], [("vid", "100")], [("vid__gte", "101")],
                   [("available_on_device", "@dcim.device.swa")], [("site", "cmp-site-b-UID")],
                   [("q", "users")], [("ordering", "-vid")], [("interface_id", "@dcim.interface.swa.Po1")]],
    "ipam/vlan-groups": [[("site", "cmp-site-a-UID")], [("scope_type", "dcim.site")], [("contains_vid", "150")]],
    "ipam/ip-ranges": [[("contains", "10.80.1.105")], [("parent", "10.80.1.0/24")], [("family", "4")]],
    "ipam/vrfs": [[("import_target_id", "@ipam.rt.a")], [("rd", "cmp:UID")], [("q", "cmp-vrf-b")]],
    "ipam/aggregates": [[("family", "6")], [("q", "fdUU")], [("prefix", "fdUU:UUUU::/48")]],
    "ipam/services": [[("device_id", "@dcim.device.swa")], [("port", "22")], [("protocol", "tcp")],
                      [("ip_address_id", "@ipam.ip.if")]],
    "ipam/asns": [[("site_id", "@dcim.site.a")], [("asn__gte", "1")]],
    "tenancy/tenants": [[("group_id", "@tenancy.tenantgroup.root")], [("group", "cmp-tg-child-UID")],
                        [("q", "tenant-a")], [("tag", "cmp-blue-UID")]],
    "tenancy/tenant-groups": [[("parent_id", "@tenancy.tenantgroup.root")],
                              [("ancestor_id", "@tenancy.tenantgroup.root")]],
    "extras/tags": [[("content_type", "dcim.site")], [("for_object_type_id", "1")], [("q", "red")]],
    "users/users": [[("group_id", "@users.group")], [("is_superuser", "false")], [("q", "reader")]],
    "users/permissions": [[("object_type", "dcim.site")], [("can_view", "true")], [("can_add", "true")],
                          [("group_id", "@users.group")]],
    "users/tokens": [[("user_id", "@users.user.reader")], [("write_enabled", "false")]],
}


def read_cases(srv, u, steps_by_label):
    eps = endpoints(srv)
    for path, labels in eps.items():
        ids = ["@" + lb for lb in labels]
        scope = [("id", ids)]
        first = labels[0]
        body = steps_by_label.get(first, {})
        # list, ordering, brief, fields/omit, pagination
        srv.case(f"{path} list", "GET", path + "/", params=scope)
        srv.case(f"{path} list brief", "GET", path + "/", params=scope + [("brief", "1")])
        srv.case(f"{path} list brief=true", "GET", path + "/", params=scope + [("brief", "true")])
        srv.case(f"{path} list limit=1 offset=1", "GET", path + "/", params=scope + [("limit", "1"), ("offset", "1")])
        srv.case(f"{path} list ordering=-id", "GET", path + "/", params=scope + [("ordering", "-id")])
        srv.case(f"{path} list limit=100000", "GET", path + "/", params=scope + [("limit", "100000")])
        srv.case(f"{path} detail", "GET", path + "/{" + first + "}/")
        srv.case(f"{path} detail brief", "GET", path + "/{" + first + "}/", params=[("brief", "1")])
        keys = [k for k in body if not k.startswith("_")][:2] or ["display"]
        srv.case(f"{path} fields", "GET", path + "/",
                 params=scope + [("fields", ",".join(["id", "url", "display"] + keys))])
        srv.case(f"{path} detail fields", "GET", path + "/{" + first + "}/", params=[("fields", "id,url," + keys[0])])
        srv.case(f"{path} omit", "GET", path + "/", params=scope + [("omit", ",".join(keys + ["tags", "custom_fields"]))])
        srv.case(f"{path} fields=bogus", "GET", path + "/", params=scope + [("fields", "id,nonexistent")])
        srv.case(f"{path} OPTIONS", "OPTIONS", path + "/")
        srv.case(f"{path} detail OPTIONS", "OPTIONS", path + "/{" + first + "}/")
        # filters from the body and per endpoint
        for k, v in filter_params(path, body):
            srv.case(f"{path} filter {k}={v}", "GET", path + "/", params=scope + [(k, v)])
        for ps in EXTRA_FILTERS.get(path, []):
            ps = [(k, ([x.replace("UID", u.uid) for x in v] if isinstance(v, list) else v.replace("UID", u.uid)
                       .replace("fdUU:UUUU", u.ula))) for k, v in ps]
            name = "&".join(f"{k}={v}" for k, v in ps)
            srv.case(f"{path} filter {u.scrub(name)}", "GET", path + "/", params=scope + ps)
        # generic filters every model has
        srv.case(f"{path} filter id__n", "GET", path + "/", params=scope + [("id__n", ids[0])])
        srv.case(f"{path} filter created__gte", "GET", path + "/", params=scope + [("created__gte", "2000-01-01")])
        srv.case(f"{path} filter unknown", "GET", path + "/", params=scope + [("nonexistent_filter", "x")])
        srv.case(f"{path} filter bad fk id", "GET", path + "/", params=scope + [("tag", "no-such-tag-UID")])
        srv.case(f"{path} 404", "GET", path + "/999999999/")
        srv.case(f"{path} bad id", "GET", path + "/abc/")
        srv.case(f"{path} limit=abc", "GET", path + "/", params=scope + [("limit", "abc")])
        srv.case(f"{path} offset=-1", "GET", path + "/", params=scope + [("offset", "-1")])
        srv.case(f"{path} ordering bogus", "GET", path + "/", params=scope + [("ordering", "bogus_field")])
        srv.case(f"{path} id=abc", "GET", path + "/", params=[("id", "abc")])

    # app roots
    for app in ("", "dcim/", "ipam/", "tenancy/", "extras/", "users/", "core/"):
        srv.case(f"root {app or '/'}", "GET", app)

    # cable traces and paths
    for lb, kind in [("dcim.interface.swa.Gi1/0/1", "interfaces"), ("dcim.interface.swb.Gi1/0/1", "interfaces"),
                     ("dcim.consoleport.swa.con0", "console-ports"),
                     ("dcim.consoleserverport.pdu.ttyS0", "console-server-ports"),
                     ("dcim.powerport.swa.PSU1", "power-ports"), ("dcim.poweroutlet.pdu.Outlet1", "power-outlets"),
                     ("dcim.powerport.pdu.Inlet", "power-ports"), ("dcim.powerfeed", "power-feeds"),
                     ("dcim.interface.swa.Gi1/0/2", "interfaces")]:
        srv.case(f"trace {lb}", "GET", f"dcim/{kind}/{{{lb}}}/trace/")
    for lb, kind in [("dcim.frontport.ppa.Front1", "front-ports"), ("dcim.rearport.ppa.Rear", "rear-ports"),
                     ("dcim.frontport.ppb.Front2", "front-ports"), ("dcim.rearport.ppb.Rear", "rear-ports")]:
        srv.case(f"paths {lb}", "GET", f"dcim/{kind}/{{{lb}}}/paths/")
    srv.case("trace 404", "GET", "dcim/interfaces/999999999/trace/")
    srv.case("cable trace via cable", "GET", "dcim/cables/{dcim.cable.1}/")

    # rack elevation
    for rack in ("dcim.rack.a", "dcim.rack.b"):
        for ps in ([], [("face", "rear")], [("exclude", "@dcim.device.swa")], [("limit", "5")],
                   [("face", "bogus")], [("q", "sw-a")], [("brief", "1")], [("include_reserved", "true")]):
            name = "&".join(f"{k}={v}" for k, v in ps)
            srv.case(f"elevation {rack} {name}", "GET", f"dcim/racks/{{{rack}}}/elevation/", params=ps)
        srv.case(f"elevation svg {rack}", "GET", f"dcim/racks/{{{rack}}}/elevation/",
                 params=[("render", "svg")], headers={"Accept": "*/*"})

    # free space
    srv.case("available-ips prefix.a", "GET", "ipam/prefixes/{ipam.prefix.a}/available-ips/", params=[("limit", "5")])
    srv.case("available-ips prefix.b", "GET", "ipam/prefixes/{ipam.prefix.b}/available-ips/")
    srv.case("available-ips prefix.v6", "GET", "ipam/prefixes/{ipam.prefix.v6}/available-ips/", params=[("limit", "3")])
    srv.case("available-ips iprange", "GET", "ipam/ip-ranges/{ipam.iprange}/available-ips/", params=[("limit", "3")])
    srv.case("available-prefixes container", "GET", "ipam/prefixes/{ipam.prefix.container}/available-prefixes/")
    srv.case("available-prefixes prefix.b", "GET", "ipam/prefixes/{ipam.prefix.b}/available-prefixes/")
    srv.case("available-vlans", "GET", "ipam/vlan-groups/{ipam.vlangroup}/available-vlans/", params=[("limit", "3")])
    srv.case("available-asns", "GET", "ipam/asn-ranges/{ipam.asnrange}/available-asns/", params=[("limit", "3")])
    srv.case("available-ips 404", "GET", "ipam/prefixes/999999999/available-ips/")
    srv.case("available-ips OPTIONS", "OPTIONS", "ipam/prefixes/{ipam.prefix.a}/available-ips/")


def error_cases(srv, u):
    U = u.uid
    P = "ipam/prefixes/"
    srv.case("err malformed json", "POST", P, raw="{not json")
    srv.case("err malformed json trailing", "POST", P, raw='{"prefix": "10.0.0.0/8",}')
    srv.case("err empty body", "POST", P, raw="")
    srv.case("err json array of scalars", "POST", P, raw="[1, 2]")
    srv.case("err json scalar", "POST", P, raw="42")
    srv.case("err wrong content type", "POST", P, raw="prefix=10.0.0.0/8",
             headers={"Content-Type": "application/x-www-form-urlencoded"})
    srv.case("err text/plain", "POST", P, raw='{"prefix": "10.0.0.0/8"}', headers={"Content-Type": "text/plain"})
    srv.case("err invalid prefix", "POST", P, body={"prefix": "10.0.0.300/24", "status": "bogus"})
    srv.case("err invalid prefix 2", "POST", P, body={"prefix": "not-a-prefix"})
    srv.case("err prefix host bits", "POST", P, body={"prefix": "10.80.3.1/24", "vrf": "@ipam.vrf"})
    srv.case("err prefix missing", "POST", P, body={})
    srv.case("err prefix wrong types", "POST", P,
             body={"prefix": 10, "is_pool": "maybe", "vrf": "abc", "tags": "x", "mark_utilized": 3})
    srv.case("err prefix null required", "POST", P, body={"prefix": None})
    srv.case("err prefix fk missing", "POST", P, body={"prefix": "10.80.9.0/24", "vrf": 999999999})
    srv.case("err prefix fk dict nomatch", "POST", P, body={"prefix": "10.80.9.0/24", "vrf": {"name": "nope-UID"}})
    srv.case("err prefix duplicate", "POST", P, body={"prefix": "10.80.1.0/24", "vrf": "@ipam.vrf"})
    srv.case("err prefix scope without type", "POST", P,
             body={"prefix": "10.80.9.0/24", "scope_id": 1, "vrf": "@ipam.vrf"})
    srv.case("err prefix unknown tag", "POST", P, body={"prefix": "10.80.9.0/24", "tags": [{"slug": "no-tag-UID"}], "vrf": "@ipam.vrf"})
    srv.case("err ip invalid", "POST", "ipam/ip-addresses/", body={"address": "10.80.1.999/24", "vrf": "@ipam.vrf"})
    srv.case("err ip no mask", "POST", "ipam/ip-addresses/", body={"address": "10.80.1.50", "vrf": "@ipam.vrf"})
    srv.case("err ip duplicate", "POST", "ipam/ip-addresses/", body={"address": "10.80.1.1/24", "vrf": "@ipam.vrf"})
    srv.case("err ip bad role", "POST", "ipam/ip-addresses/", body={"address": "10.80.1.51/24", "role": "bogus", "vrf": "@ipam.vrf"})
    srv.case("err ip assigned without type", "POST", "ipam/ip-addresses/",
             body={"address": "10.80.1.52/24", "assigned_object_id": 1, "vrf": "@ipam.vrf"})
    srv.case("err vlan vid range", "POST", "ipam/vlans/", body={"vid": 5000, "name": "x"})
    srv.case("err vlan vid string", "POST", "ipam/vlans/", body={"vid": "abc", "name": "x"})
    srv.case("err vlan outside group range", "POST", "ipam/vlans/",
             body={"vid": 300, "name": "x", "group": "@ipam.vlangroup"})
    srv.case("err vlan duplicate in group", "POST", "ipam/vlans/",
             body={"vid": 100, "name": "dupe", "group": "@ipam.vlangroup"})
    srv.case("err site missing", "POST", "dcim/sites/", body={})
    srv.case("err site duplicate", "POST", "dcim/sites/", body={"name": f"cmp-site-a-{U}", "slug": f"cmp-site-a-{U}"})
    srv.case("err site bad slug", "POST", "dcim/sites/", body={"name": f"cmp-x-{U}", "slug": "has space"})
    srv.case("err site long name", "POST", "dcim/sites/", body={"name": "x" * 101, "slug": f"cmp-x-{U}"})
    srv.case("err site bad status", "POST", "dcim/sites/", body={"name": f"cmp-x-{U}", "slug": f"cmp-x-{U}",
                                                                   "status": "bogus"})
    srv.case("err site bad tz", "POST", "dcim/sites/", body={"name": f"cmp-x-{U}", "slug": f"cmp-x-{U}",
                                                               "time_zone": "Mars/Olympus"})
    srv.case("err site bad latitude", "POST", "dcim/sites/", body={"name": f"cmp-x-{U}", "slug": f"cmp-x-{U}",
                                                                     "latitude": "north", "longitude": 500})
    srv.case("err site name list", "POST", "dcim/sites/", body={"name": ["a"], "slug": {"x": 1}})
    srv.case("err site status as dict", "POST", "dcim/sites/",
             body={"name": f"cmp-x-{U}", "slug": f"cmp-x-{U}", "status": {"value": "active"}})
    srv.case("err device missing", "POST", "dcim/devices/", body={})
    srv.case("err device position no rack", "POST", "dcim/devices/",
             body={"name": f"cmp-x-{U}", "device_type": "@dcim.dt.sw", "role": "@dcim.role.access",
                   "site": "@dcim.site.a", "position": 10})
    srv.case("err device occupied", "POST", "dcim/devices/",
             body={"name": f"cmp-x-{U}", "device_type": "@dcim.dt.sw", "role": "@dcim.role.access",
                   "site": "@dcim.site.a", "rack": "@dcim.rack.a", "position": 10, "face": "front"})
    srv.case("err device duplicate name", "POST", "dcim/devices/",
             body={"name": f"cmp-sw-a-{U}", "device_type": "@dcim.dt.sw", "role": "@dcim.role.access",
                   "site": "@dcim.site.a"})
    srv.case("err device rack other site", "POST", "dcim/devices/",
             body={"name": f"cmp-x-{U}", "device_type": "@dcim.dt.sw", "role": "@dcim.role.access",
                   "site": "@dcim.site.b", "rack": "@dcim.rack.a"})
    srv.case("err interface bad type", "POST", "dcim/interfaces/",
             body={"device": "@dcim.device.swa", "name": "x1", "type": "bogus"})
    srv.case("err interface bad mtu", "POST", "dcim/interfaces/",
             body={"device": "@dcim.device.swa", "name": "x1", "type": "virtual", "mtu": 10})
    srv.case("err interface duplicate", "POST", "dcim/interfaces/",
             body={"device": "@dcim.device.swa", "name": "Gi1/0/1", "type": "virtual"})
    srv.case("err interface bad mac", "POST", "dcim/mac-addresses/", body={"mac_address": "zz:00"})
    srv.case("err rack bad height", "POST", "dcim/racks/",
             body={"name": f"cmp-x-{U}", "site": "@dcim.site.a", "u_height": 0})
    srv.case("err rack width", "POST", "dcim/racks/",
             body={"name": f"cmp-x-{U}", "site": "@dcim.site.a", "width": 17})
    srv.case("err cable same end", "POST", "dcim/cables/",
             body={"a_terminations": [{"object_type": "dcim.interface", "object_id": "@dcim.interface.swa.Gi1/0/1"}],
                   "b_terminations": [{"object_type": "dcim.interface", "object_id": "@dcim.interface.swb.Gi1/0/1"}]})
    srv.case("err cable bad type", "POST", "dcim/cables/",
             body={"a_terminations": [{"object_type": "dcim.bogus", "object_id": 1}], "b_terminations": []})
    srv.case("err cable missing", "POST", "dcim/cables/", body={})
    srv.case("err tag missing", "POST", "extras/tags/", body={"name": "x"})
    srv.case("err tag duplicate", "POST", "extras/tags/", body={"name": f"cmp-blue-{U}", "slug": f"cmp-blue-{U}"})
    srv.case("err tag bad color", "POST", "extras/tags/", body={"name": f"cmp-x-{U}", "slug": f"cmp-x-{U}",
                                                                  "color": "red"})
    srv.case("err user missing", "POST", "users/users/", body={})
    srv.case("err user duplicate", "POST", "users/users/", body={"username": f"cmp-reader-{U}", "password": "x"})
    srv.case("err permission bad action", "POST", "users/permissions/",
             body={"name": f"cmp-x-{U}", "object_types": ["dcim.bogus"], "actions": []})
    srv.case("err permission bad constraint", "POST", "users/permissions/",
             body={"name": f"cmp-x-{U}", "object_types": ["dcim.site"], "actions": ["view"],
                   "constraints": {"nonexistent_field": 1}})
    srv.case("err token bad user", "POST", "users/tokens/", body={"user": 999999999})
    srv.case("err aggregate overlap", "POST", "ipam/aggregates/", body={"prefix": f"{u.ula}:5::/64", "rir": "@ipam.rir"})
    srv.case("err iprange reversed", "POST", "ipam/ip-ranges/",
             body={"start_address": "10.80.1.200/24", "end_address": "10.80.1.150/24"})
    srv.case("err iprange overlap", "POST", "ipam/ip-ranges/",
             body={"start_address": "10.80.1.105/24", "end_address": "10.80.1.120/24", "vrf": "@ipam.vrf"})
    srv.case("err region parent loop", "PATCH", "dcim/regions/{dcim.region.root}/",
             body={"parent": "@dcim.region.child"})
    srv.case("err tenant self parent", "PATCH", "tenancy/tenant-groups/{tenancy.tenantgroup.root}/",
             body={"parent": "@tenancy.tenantgroup.root"})
    # bulk
    srv.case("err bulk create one bad", "POST", "tenancy/tenants/",
             body=[{"name": f"cmp-bulk1-{U}", "slug": f"cmp-bulk1-{U}"}, {"name": f"cmp-bulk2-{U}"},
                   {"name": f"cmp-bulk3-{U}", "slug": f"cmp-bulk3-{U}"}])
    srv.case("err bulk patch one bad", "PATCH", "tenancy/tenants/",
             body=[{"id": "@tenancy.tenant.a", "description": "x"}, {"id": 999999999, "description": "y"}])
    srv.case("err bulk patch no id", "PATCH", "tenancy/tenants/", body=[{"description": "y"}])
    srv.case("err bulk patch invalid", "PATCH", "tenancy/tenants/",
             body=[{"id": "@tenancy.tenant.a", "slug": "bad slug"}])
    srv.case("err bulk patch not a list", "PATCH", "tenancy/tenants/", body={"description": "x"})
    srv.case("err bulk delete one missing", "DELETE", "tenancy/tenants/", body=[{"id": 999999999}])
    srv.case("err bulk delete bad", "DELETE", "tenancy/tenants/", body=[{"x": 1}])
    srv.case("err bulk create empty", "POST", "tenancy/tenants/", body=[])
    # method and routes
    srv.case("err put missing fields", "PUT", "tenancy/tenants/{tenancy.tenant.b}/", body={"description": "x"})
    srv.case("err patch 404", "PATCH", "tenancy/tenants/999999999/", body={"description": "x"})
    srv.case("err delete 404", "DELETE", "tenancy/tenants/999999999/")
    srv.case("err method not allowed", "PUT", "tenancy/tenants/", body={})
    srv.case("err unknown endpoint", "GET", "tenancy/nonexistent/")
    srv.case("err unknown app", "GET", "nonexistent/")
    srv.case("err protected delete", "DELETE", "ipam/rirs/{ipam.rir}/")
    srv.case("err protected delete tenant", "DELETE", "tenancy/tenants/{tenancy.tenant.a}/")
    srv.case("err trace on non-path", "GET", "dcim/interfaces/{dcim.interface.swa.Vlan100}/trace/")
    srv.case("err available-ips too many", "POST", "ipam/prefixes/{ipam.prefix.b}/available-ips/",
             body=[{} for _ in range(20)])
    srv.case("err available-ips bad body", "POST", "ipam/prefixes/{ipam.prefix.b}/available-ips/",
             body={"status": "bogus"})
    srv.case("err available-prefixes bad length", "POST", "ipam/prefixes/{ipam.prefix.b}/available-prefixes/",
             body={"prefix_length": 8})
    srv.case("err available-prefixes missing length", "POST", "ipam/prefixes/{ipam.prefix.b}/available-prefixes/",
             body={})
    srv.case("err available-vlans bad", "POST", "ipam/vlan-groups/{ipam.vlangroup}/available-vlans/",
             body={"name": ""})
    # auth
    srv.case("auth none", "GET", "dcim/sites/", auth=None)
    srv.case("auth bad token", "GET", "dcim/sites/", auth="Bearer nbt_abcdefghijkl.0123456789abcdef0123456789abcdef01234567")
    srv.case("auth garbage", "GET", "dcim/sites/", auth="Bearer garbage")
    srv.case("auth bad scheme", "GET", "dcim/sites/", auth="Basic YWRtaW46YWRtaW4=")
    srv.case("auth v1 unknown", "GET", "dcim/sites/", auth="Token " + "0" * 40)
    for lb in ("users.token.reader", "users.token.nobody"):
        if lb not in srv.tokens:
            continue
        key, tok, version = srv.tokens[lb]
        value = f"nbt_{key}.{tok}" if version == 2 and not tok.startswith("nbt_") else tok
        a = Server.auth_header(value)
        srv.case(f"{lb} list sites", "GET", "dcim/sites/", auth=a,
                 params=[("id", ["@dcim.site.a", "@dcim.site.b"])])
        srv.case(f"{lb} detail site b", "GET", "dcim/sites/{dcim.site.b}/", auth=a)
        srv.case(f"{lb} detail site a", "GET", "dcim/sites/{dcim.site.a}/", auth=a)
        srv.case(f"{lb} list devices", "GET", "dcim/devices/", auth=a)
        srv.case(f"{lb} list prefixes", "GET", "ipam/prefixes/", auth=a, params=[("vrf_id", "@ipam.vrf")])
        srv.case(f"{lb} create site", "POST", "dcim/sites/", auth=a, body={"name": f"cmp-x-{U}", "slug": f"cmp-x-{U}"})
        srv.case(f"{lb} delete site", "DELETE", "dcim/sites/{dcim.site.a}/", auth=a)
        srv.case(f"{lb} OPTIONS sites", "OPTIONS", "dcim/sites/", auth=a)
        srv.case(f"{lb} available-ips", "GET", "ipam/prefixes/{ipam.prefix.a}/available-ips/", auth=a)
        srv.case(f"{lb} users", "GET", "users/users/", auth=a)
        srv.case(f"{lb} status", "GET", "status/", auth=a)


def write_cases(srv, u):
    """Updates and allocations whose answers are compared (on objects of the fixture)."""
    U = u.uid
    srv.case("put tenant b", "PUT", "tenancy/tenants/{tenancy.tenant.b}/",
             body={"name": f"cmp-tenant-b-{U}", "slug": f"cmp-tenant-b-{U}", "description": "put"})
    srv.case("patch site tags by name", "PATCH", "dcim/sites/{dcim.site.b}/",
             body={"tags": [{"name": f"cmp-red-{U}"}], "tenant": {"slug": f"cmp-tenant-b-{U}"}})
    srv.case("patch site clear", "PATCH", "dcim/sites/{dcim.site.b}/", body={"tags": [], "tenant": None})
    srv.case("patch prefix status", "PATCH", "ipam/prefixes/{ipam.prefix.b}/", body={"status": "deprecated"})
    srv.case("patch interface tagged", "PATCH", "dcim/interfaces/{dcim.interface.swa.Po1}/",
             body={"tagged_vlans": ["@ipam.vlan.100", "@ipam.vlan.101"], "description": "trunk"})
    srv.case("bulk patch tenants", "PATCH", "tenancy/tenants/",
             body=[{"id": "@tenancy.tenant.a", "comments": "bulk"}, {"id": "@tenancy.tenant.b", "comments": "bulk"}])
    srv.case("post available-ips one", "POST", "ipam/prefixes/{ipam.prefix.b}/available-ips/",
             body={"description": f"cmp-alloc-{U}", "status": "active"}, label="ipam.ip.alloc1")
    srv.case("post available-ips two", "POST", "ipam/prefixes/{ipam.prefix.b}/available-ips/",
             body=[{"description": "a"}, {"description": "b"}], label=["ipam.ip.alloc2", "ipam.ip.alloc3"])
    srv.case("post available-ips range", "POST", "ipam/ip-ranges/{ipam.iprange}/available-ips/", body={},
             label="ipam.ip.alloc-range")
    srv.case("post available-prefixes", "POST", "ipam/prefixes/{ipam.prefix.container}/available-prefixes/",
             body={"prefix_length": 26, "status": "reserved"}, label="ipam.prefix.alloc")
    srv.case("post available-vlans", "POST", "ipam/vlan-groups/{ipam.vlangroup}/available-vlans/",
             body={"name": f"cmp-alloc-{U}"}, label="ipam.vlan.alloc")
    srv.case("post available-asns", "POST", "ipam/asn-ranges/{ipam.asnrange}/available-asns/", body={},
             label="ipam.asn.alloc")
    srv.case("prefix after allocation", "GET", "ipam/prefixes/{ipam.prefix.container}/")
    srv.case("available-prefixes after allocation", "GET",
             "ipam/prefixes/{ipam.prefix.container}/available-prefixes/")
    st, js = srv.case("bulk create tenants", "POST", "tenancy/tenants/",
                      body=[{"name": f"cmp-bulk-a-{U}", "slug": f"cmp-bulk-a-{U}"},
                            {"name": f"cmp-bulk-b-{U}", "slug": f"cmp-bulk-b-{U}", "tags": ["@tag.red"]}],
                      label=["tenancy.tenant.bulk0", "tenancy.tenant.bulk1"])
    if st == 201:
        srv.case("bulk delete tenants", "DELETE", "tenancy/tenants/",
                 body=[{"id": "@tenancy.tenant.bulk0"}, {"id": "@tenancy.tenant.bulk1"}])
    srv.case("object-changes of site a", "GET", "core/object-changes/",
             params=[("changed_object_type", "dcim.site"), ("changed_object_id", "@dcim.site.a"),
                     ("ordering", "time")])
    srv.case("cable detail after", "GET", "dcim/cables/{dcim.cable.trunk}/")
    srv.case("vc detail after", "GET", "dcim/virtual-chassis/{dcim.vc}/")


def cleanup(srv):
    for label, path in reversed(srv.order):
        if label == "users.user.admin":
            continue
        oid = srv.ids[label]
        r, js = srv.http("DELETE", f"{path}/{oid}/")
        if r.status_code not in (204, 404):
            srv.log.append(f"cleanup {label}: {r.status_code} {r.text[:200]}")
    # a second pass for what was protected by a later object
    for label, path in reversed(srv.order):
        if label == "users.user.admin":
            continue
        r, js = srv.http("DELETE", f"{path}/{srv.ids[label]}/")
        if r.status_code not in (204, 404):
            print(f"  cleanup failed: {label} {r.status_code} {r.text[:200]}", file=sys.stderr)


def purge(args):
    """Delete what an interrupted run left behind: objects whose name carries the uid, and the IP
    objects of its VRFs."""
    u = Uniq(args.uid)
    srv = Server(args.url, args.token, u)
    for rounds in range(6):
        found = 0
        for path in reversed(list(PATHS)):
            if path in ("dcim/cable-terminations",):
                continue
            queries = [{"q": u.uid}]
            if path.startswith("ipam/"):
                queries.append({"vrf": f"cmp:{u.uid}"})
            if path == "ipam/aggregates":
                queries.append({"q": u.ula})
            if path in ("ipam/asns",):
                queries = [{"asn__gte": u.asn, "asn__lte": u.asn + 39}]
            for q in queries:
                r, js = srv.http("GET", path + "/", params=dict(q, limit=1000, brief=1))
                for obj in (js or {}).get("results", []) if isinstance(js, dict) else []:
                    d = srv.http("DELETE", f"{path}/{obj['id']}/")[0]
                    found += 1
                    if d.status_code not in (204, 404) and rounds == 5:
                        print(f"  {path}/{obj['id']} {obj.get('display')}: {d.status_code} {d.text[:200]}")
        print(f"purge round {rounds}: {found} objects", file=sys.stderr)
        if not found:
            break


def record(args):
    u = Uniq(args.uid)
    srv = Server(args.url, args.token, u, verbose=args.verbose)
    steps_by_label = {}
    for kind, label, path, body in fixture(u):
        if kind == "create":
            steps_by_label[label] = body
    t0 = time.time()
    try:
        build(srv, u)
        read_cases(srv, u, steps_by_label)
        error_cases(srv, u)
        write_cases(srv, u)
    finally:
        if not args.keep:
            cleanup(srv)
    out = {"server": srv.base, "uid": u.uid, "seconds": round(time.time() - t0, 1), "cases": srv.cases}
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
    print(f"recorded {len(srv.cases)} cases from {srv.base} in {out['seconds']}s -> {args.out}", file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# comparison


def tname(v):
    if v is None:
        return "null"
    return {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "object"}[type(v)]


def short_json(v, n=160):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[: n - 3] + "..."


def item_key(v):
    if isinstance(v, dict):
        for k in ("url", "display", "name", "value", "id"):
            if k in v:
                return v[k]
    return None


def diff(a, b, path, out):
    """Differences between a (NetBox) and b (Ironbox): list of (path, kind, a, b)."""
    if type(a) is not type(b) and not (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                       and not isinstance(a, bool) and not isinstance(b, bool)):
        out.append((path, "type", tname(a) + " " + short_json(a, 80), tname(b) + " " + short_json(b, 80)))
        return
    if isinstance(a, dict):
        ka, kb = list(a), list(b)
        missing = [k for k in ka if k not in b]
        extra = [k for k in kb if k not in a]
        if missing:
            out.append((path, "missing keys", missing, None))
        if extra:
            out.append((path, "extra keys", None, extra))
        common_a = [k for k in ka if k in b]
        common_b = [k for k in kb if k in a]
        if common_a != common_b:
            out.append((path, "key order", common_a, common_b))
        for k in common_a:
            diff(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, list):
        ka = [item_key(x) for x in a]
        kb = [item_key(x) for x in b]
        keyed = (a or b) and all(k is not None for k in ka + kb) and len(set(map(str, ka))) == len(ka) \
            and len(set(map(str, kb))) == len(kb)
        if not keyed:
            if len(a) != len(b):
                out.append((path, "length", len(a), len(b)))
            for n, (x, y) in enumerate(zip(a, b)):
                diff(x, y, f"{path}[{n}]", out)
            return
        sa, sb = list(map(str, ka)), list(map(str, kb))
        only_a = [k for k in sa if k not in sb]
        only_b = [k for k in sb if k not in sa]
        if only_a:
            out.append((path, "items only in netbox", only_a, None))
        if only_b:
            out.append((path, "items only in ironbox", None, only_b))
        common_a = [k for k in sa if k in sb]
        common_b = [k for k in sb if k in sa]
        if common_a != common_b:
            out.append((path, "order", common_a, common_b))
        idx = dict(zip(sb, b))
        for n, (k, x) in enumerate(zip(sa, a)):
            if k in idx:
                diff(x, idx[k], f"{path}[{n}]", out)
    else:
        if a != b:
            out.append((path, "value", a, b))


# Differences kept on purpose: (case regex, path regex, reason). They are listed apart and do not
# fail the run.
KNOWN = [
    (r" status$", r"\.(django-version|python-version|installed_apps|rq-workers-running)",
     "Ironbox is not Django: no Django/Python versions or RQ workers; installed_apps names Ironbox"),
    (r"^err unknown (endpoint|app)$", r"", "NetBox answers an unknown API path with its HTML 404 page"),
    (r"^err permission bad constraint$", r"",
     "NetBox stores a constraint naming an unknown field and fails with 500 on later requests; "
     "Ironbox refuses it with 400"),
    (r"^root ", r"", "apps and endpoints Ironbox does not serve (circuits, virtualization, most of extras, ...)"),
    (r"^err prefix wrong types$", r"^\.prefix\[\d+\]$", "NetBox leaks a Python type error for a non-string prefix"),
    (r"^post available-prefixes$", r"^\._depth$", "NetBox answers the new child with a stale depth (0)"),
    (r"^err protected delete", r"^\.detail$", "dependent objects are listed in another order"),
    (r"^ipam/ip-ranges filter contains=", r"", "NetBox compares the address as a /32 with the range's "
     "masked bounds and finds no range (a NetBox bug); Ironbox finds the range holding the address"),
]


HELP_TEXT = "OPTIONS carry no help_text"


def known(cid, path, kind, a, b):
    for c, p, why in KNOWN:
        if re.search(c, cid) and re.search(p, path):
            return why
    return None


def compare(args):
    A = json.load(open(args.a))
    B = json.load(open(args.b))
    ca, cb = A["cases"], B["cases"]
    cids = list(ca) + [c for c in cb if c not in ca]
    report = []
    for cid in cids:
        x, y = ca.get(cid), cb.get(cid)
        if x is None or y is None:
            report.append({"case": cid, "diffs": [("", "case only in " + ("ironbox" if x is None else "netbox"),
                                                   None, None)]})
            continue
        if "skipped" in x or "skipped" in y:
            if "skipped" in x and "skipped" in y:
                continue
            report.append({"case": cid, "req": x.get("req"), "diffs": [("", "skipped", x.get("skipped"),
                                                                        y.get("skipped"))]})
            continue
        out = []
        if x["status"] != y["status"]:
            out.append(("", "status", x["status"], y["status"]))
        if x["ctype"] != y["ctype"]:
            out.append(("", "content-type", x["ctype"], y["ctype"]))
        if x.get("headers") != y.get("headers"):
            out.append(("", "headers", x.get("headers"), y.get("headers")))
        if "body" in x and "body" in y:
            diff(x["body"], y["body"], "", out)
        elif ("body" in x) != ("body" in y):
            out.append(("", "body", short_json(x.get("body", x.get("text"))), short_json(y.get("body", y.get("text")))))
        if out:
            report.append({"case": cid, "req": x["req"], "diffs": out})

    # signatures: the same difference seen in many cases is printed once with the count
    sigs = {}
    accepted = {}
    for r in report:
        kept = []
        for p, kind, a, b in r["diffs"]:
            if kind == "missing keys" and r["case"].endswith("OPTIONS") and "help_text" in (a or []):
                accepted.setdefault(HELP_TEXT, []).append(r["case"])
                a = [k for k in a if k != "help_text"]
                if not a:
                    continue
            why = known(r["case"], p, kind, a, b)
            if why:
                accepted.setdefault(why, []).append(r["case"])
                continue
            kept.append((p, kind, a, b))
            gp = re.sub(r"\[\d+\]", "[]", p)
            sig = (kind, gp, short_json(a), short_json(b))
            sigs.setdefault(sig, []).append(r["case"])
        r["diffs"] = kept
    report = [r for r in report if r["diffs"]]
    lines = []
    lines.append(f"{len(report)} of {len(cids)} cases differ; {len(sigs)} distinct differences"
                 f" (and {sum(len(set(c)) for c in accepted.values())} known ones, listed at the end)")
    lines.append(f"netbox: {A['server']} ({len(ca)} cases)   ironbox: {B['server']} ({len(cb)} cases)")
    lines.append("")
    for (kind, gp, a, b), cases in sorted(sigs.items(), key=lambda kv: (kv[0][1] != "", kv[1][0])):
        where = cases[0] if len(cases) == 1 else f"{cases[0]} (+{len(cases) - 1} more)"
        lines.append(f"[{kind}] {gp or '(answer)'} in {where}")
        if a != "null" or b != "null":
            lines.append(f"    netbox : {a}")
            lines.append(f"    ironbox: {b}")
    if accepted:
        lines.append("")
        lines.append("Known differences (kept on purpose):")
        for why, cases in accepted.items():
            lines.append(f"  - {why}: {len(set(cases))} case(s), e.g. {cases[0]}")
    text = "\n".join(lines)
    print(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"report": report, "signatures": [
                {"kind": k, "path": p, "netbox": a, "ironbox": b, "cases": c} for (k, p, a, b), c in sigs.items()
            ]}, f, indent=1)
    return 1 if report else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("record")
    r.add_argument("--url", required=True)
    r.add_argument("--token", required=True)
    r.add_argument("--uid", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--keep", action="store_true", help="leave the fixture in place")
    r.add_argument("-v", "--verbose", action="store_true")
    pg = sub.add_parser("purge", help="delete what an interrupted run left behind")
    pg.add_argument("--url", required=True)
    pg.add_argument("--token", required=True)
    pg.add_argument("--uid", required=True)
    c = sub.add_parser("compare")
    c.add_argument("a", help="NetBox recording")
    c.add_argument("b", help="Ironbox recording")
    c.add_argument("--json", help="write the full report here")
    args = ap.parse_args()
    if args.cmd == "record":
        record(args)
        return 0
    if args.cmd == "purge":
        purge(args)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
