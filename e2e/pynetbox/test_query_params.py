"""brief, fields, omit, ordering, offset/limit pagination, MAX_PAGE_SIZE, cursor pagination (start=)."""

import ipaddress
import json
import os
import random
from urllib.parse import parse_qs, urlsplit

import pynetbox
import pytest

from helpers import NB_TOKEN, NB_URL, Cleanup, Http, ids, rand_suffix, random_asn_block, random_v6_48

REF = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "reference")


def qs(url):
    return {k: v for k, v in parse_qs(urlsplit(url).query).items()}


@pytest.fixture(scope="module")
def paged():
    """Module-wide (read-only for the tests): a private VRF holding 60 /24 prefixes, i.e. more than one
    default page of 50. Returns (vrf, prefixes)."""
    nb = pynetbox.api(NB_URL, token=NB_TOKEN)
    http = Http(NB_URL, NB_TOKEN)
    c = Cleanup(http)
    vrf = c.add(nb.ipam.vrfs.create(name=f"e2e-paged-{rand_suffix()}"))
    net4 = ipaddress.ip_network(f"10.{random.randint(0, 255)}.0.0/16")
    nets = [str(n) for n in list(net4.subnets(new_prefix=24))[:60]]
    objs = nb.ipam.prefixes.create([{"prefix": n, "vrf": vrf.id, "description": f"n{i:03d}"}
                                    for i, n in enumerate(nets)])
    c.add_many(objs)
    assert len(objs) == 60
    yield vrf, objs
    errors = c.run()
    http.close()
    assert not errors, errors


@pytest.fixture
def many_prefixes(paged):
    return paged[1]


@pytest.fixture
def pvrf(paged):
    return paged[0]


# ?brief=1 key sets (and order) as NetBox 4.7.3 returns them. NB: these are the serializers' brief_fields and
# differ from the OpenAPI Brief* schemas (which describe *nested* FK objects): ?brief=1 adds counts
# (prefix_count, vlan_count, ...), BriefIPAddress in the schema has nat_inside/nat_outside/dns_name that
# ?brief=1 does not return, and several endpoints have no Brief* schema at all.
BRIEF_KEYS = {
    "tenancy/tenant-groups": ["id", "url", "display", "name", "slug", "description", "tenant_count", "_depth"],
    "tenancy/tenants": ["id", "url", "display", "name", "slug", "description"],
    "tenancy/contact-groups": ["id", "url", "display", "name", "slug", "description", "contact_count", "_depth"],
    "tenancy/contact-roles": ["id", "url", "display", "name", "slug", "description"],
    "tenancy/contacts": ["id", "url", "display", "name", "description"],
    "tenancy/contact-assignments": ["id", "url", "display", "contact", "role", "priority"],
    "extras/tags": ["id", "url", "display", "name", "slug", "color", "description"],
    "ipam/rirs": ["id", "url", "display", "name", "slug", "description", "aggregate_count"],
    "ipam/aggregates": ["id", "url", "display", "family", "prefix", "description"],
    "ipam/asn-ranges": ["id", "url", "display", "name", "description"],
    "ipam/asns": ["id", "url", "display", "asn", "description"],
    "ipam/roles": ["id", "url", "display", "name", "slug", "description", "prefix_count", "vlan_count", "asn_count"],
    "ipam/route-targets": ["id", "url", "display", "name", "description"],
    "ipam/vrfs": ["id", "url", "display", "name", "rd", "description", "prefix_count"],
    "ipam/prefixes": ["id", "url", "display", "family", "prefix", "description", "_depth"],
    "ipam/ip-ranges": ["id", "url", "display", "family", "start_address", "end_address", "description"],
    "ipam/ip-addresses": ["id", "url", "display", "family", "address", "description"],
    "ipam/vlan-groups": ["id", "url", "display", "name", "slug", "description", "vlan_count"],
    "ipam/vlans": ["id", "url", "display", "vid", "name", "description"],
    "ipam/vlan-translation-policies": ["id", "url", "display", "name", "description"],
    "ipam/vlan-translation-rules": ["id", "url", "display", "policy", "local_vid", "remote_vid", "description"],
    "ipam/fhrp-groups": ["id", "url", "display", "protocol", "group_id", "description"],
    "ipam/service-templates": ["id", "url", "display", "name", "port_mappings", "description"],
}


def test_brief_prefix_matches_captured_example(nb, http, vrf, net4, cleanup):
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net4), vrf=vrf.id, description="brief"))
    r = http.get("/api/ipam/prefixes/", params={"brief": 1, "vrf_id": vrf.id})
    assert r.status_code == 200
    res = r.json()["results"]
    assert len(res) == 1
    assert res[0] == {"id": p.id, "url": p.url, "display": str(net4), "family": {"value": 4, "label": "IPv4"},
                      "prefix": str(net4), "description": "brief", "_depth": 0}
    example = os.path.join(REF, "examples", "prefixes-brief.json")
    if os.path.exists(example):
        with open(example) as f:
            ex = json.load(f)
        assert list(res[0]) == list(ex["response"]["body"]["results"][0])
    # brief works on detail views too; brief=true and brief=True are accepted as well as 1
    for v in ("true", "True"):
        r = http.get(f"/api/ipam/prefixes/{p.id}/", params={"brief": v})
        assert list(r.json()) == BRIEF_KEYS["ipam/prefixes"]


def test_brief_key_sets_all_endpoints(nb, http, cleanup, uid, net4):
    """One object on every IPAM/tenancy endpoint, then ?brief=1&id=<it>: exact keys, in order."""
    def mk(ep, **kw):
        return cleanup.add(ep.create(**kw))

    start, _ = random_asn_block(16)
    tg = mk(nb.tenancy.tenant_groups, name=f"b-tg-{uid}", slug=f"b-tg-{uid}")
    t = mk(nb.tenancy.tenants, name=f"b-t-{uid}", slug=f"b-t-{uid}", group=tg.id)
    cg = mk(nb.tenancy.contact_groups, name=f"b-cg-{uid}", slug=f"b-cg-{uid}")
    cr = mk(nb.tenancy.contact_roles, name=f"b-cr-{uid}", slug=f"b-cr-{uid}")
    c = mk(nb.tenancy.contacts, name=f"b-c-{uid}", groups=[cg.id])
    ca = mk(nb.tenancy.contact_assignments, object_type="tenancy.tenant", object_id=t.id, contact=c.id,
            role=cr.id)
    tag = mk(nb.extras.tags, name=f"b-tag-{uid}", slug=f"b-tag-{uid}")
    rir = mk(nb.ipam.rirs, name=f"b-rir-{uid}", slug=f"b-rir-{uid}")
    ag = mk(nb.ipam.aggregates, prefix=str(random_v6_48()), rir=rir.id)
    ar = mk(nb.ipam.asn_ranges, name=f"b-ar-{uid}", slug=f"b-ar-{uid}", rir=rir.id, start=start, end=start + 15)
    asn = mk(nb.ipam.asns, asn=start + 1, rir=rir.id)
    role = mk(nb.ipam.roles, name=f"b-role-{uid}", slug=f"b-role-{uid}")
    rt = mk(nb.ipam.route_targets, name=f"65000:{random.randint(1, 2**31)}")
    vrf = mk(nb.ipam.vrfs, name=f"b-vrf-{uid}")
    p = mk(nb.ipam.prefixes, prefix=str(net4), vrf=vrf.id)
    rng = mk(nb.ipam.ip_ranges, start_address=f"{net4[10]}/16", end_address=f"{net4[20]}/16", vrf=vrf.id)
    ip = mk(nb.ipam.ip_addresses, address=f"{net4[5]}/16", vrf=vrf.id)
    vg = mk(nb.ipam.vlan_groups, name=f"b-vg-{uid}", slug=f"b-vg-{uid}")
    vl = mk(nb.ipam.vlans, vid=5, name=f"b-vl-{uid}", group=vg.id)
    pol = mk(nb.ipam.vlan_translation_policies, name=f"b-pol-{uid}")
    rule = mk(nb.ipam.vlan_translation_rules, policy=pol.id, local_vid=1, remote_vid=2)
    fh = mk(nb.ipam.fhrp_groups, protocol="vrrp2", group_id=1, name=f"b-fh-{uid}")
    st = mk(nb.ipam.service_templates, name=f"b-st-{uid}", protocol="tcp", ports=[22])
    objs = {
        "tenancy/tenant-groups": tg, "tenancy/tenants": t, "tenancy/contact-groups": cg,
        "tenancy/contact-roles": cr, "tenancy/contacts": c, "tenancy/contact-assignments": ca,
        "extras/tags": tag, "ipam/rirs": rir, "ipam/aggregates": ag, "ipam/asn-ranges": ar, "ipam/asns": asn,
        "ipam/roles": role, "ipam/route-targets": rt, "ipam/vrfs": vrf, "ipam/prefixes": p,
        "ipam/ip-ranges": rng, "ipam/ip-addresses": ip, "ipam/vlan-groups": vg, "ipam/vlans": vl,
        "ipam/vlan-translation-policies": pol, "ipam/vlan-translation-rules": rule, "ipam/fhrp-groups": fh,
        "ipam/service-templates": st,
    }
    assert set(objs) == set(BRIEF_KEYS)
    bad = {}
    for path, obj in objs.items():
        r = http.get(f"/api/{path}/", params={"brief": 1, "id": obj.id})
        assert r.status_code == 200, path
        res = r.json()["results"]
        assert len(res) == 1, path
        if list(res[0]) != BRIEF_KEYS[path]:
            bad[path] = list(res[0])
        assert res[0]["id"] == obj.id and res[0]["url"] == obj.url
    assert bad == {}
    # a few brief values
    r = http.get("/api/tenancy/contact-assignments/", params={"brief": 1, "id": ca.id}).json()["results"][0]
    assert r["contact"]["id"] == c.id and r["role"]["id"] == cr.id and r["priority"] is None
    r = http.get("/api/ipam/service-templates/", params={"brief": 1, "id": st.id}).json()["results"][0]
    assert r["port_mappings"] == ["tcp/22"]
    r = http.get("/api/ipam/vrfs/", params={"brief": 1, "id": vrf.id}).json()["results"][0]
    assert r["prefix_count"] == 1


def test_nested_fk_is_not_brief(nb, http, cleanup, vrf, net4, uid):
    """Nested FK objects follow the OpenAPI Brief* schemas: no counts (unlike ?brief=1 on the list)."""
    role = cleanup.add(nb.ipam.roles.create(name=f"n-role-{uid}", slug=f"n-role-{uid}"))
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net4), vrf=vrf.id, role=role.id))
    d = http.get(f"/api/ipam/prefixes/{p.id}/").json()
    assert list(d["role"]) == ["id", "url", "display", "name", "slug", "description"]
    assert list(d["vrf"]) == ["id", "url", "display", "name", "rd", "description"]
    brief_role = http.get("/api/ipam/roles/", params={"brief": 1, "id": role.id}).json()["results"][0]
    assert brief_role["prefix_count"] == 1


def test_fields_and_omit(http, nb, vrf, net4, cleanup, make_tenant):
    t = make_tenant()
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net4), vrf=vrf.id, tenant=t.id))
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "fields": "id,prefix,status"})
    assert r.status_code == 200
    assert r.json()["results"] == [{"id": p.id, "prefix": str(net4), "status": {"value": "active",
                                                                                  "label": "Active"}}]
    # nested field selection: tenant.name
    r = http.get(f"/api/ipam/prefixes/{p.id}/", params={"fields": "id,tenant"})
    d = r.json()
    assert set(d) == {"id", "tenant"}
    assert d["tenant"]["slug"] == t.slug
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "omit": "tags,custom_fields,comments,vrf"})
    d = r.json()["results"][0]
    assert "tags" not in d and "custom_fields" not in d and "comments" not in d and "vrf" not in d
    assert d["prefix"] == str(net4) and d["tenant"]["id"] == t.id


def test_ordering(nb, http, many_prefixes, pvrf):
    got = [p.prefix for p in nb.ipam.prefixes.filter(vrf_id=pvrf.id, ordering="-prefix", limit=10, offset=0)]
    allp = sorted([p.prefix for p in many_prefixes], key=lambda s: tuple(int(x) for x in s.split("/")[0].split(".")))
    assert got == list(reversed(allp))[:10]
    # default ordering for prefixes is (vrf, prefix)
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "limit": 5})
    assert [x["prefix"] for x in r.json()["results"]] == allp[:5]
    # ordering by description and by id, descending
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "ordering": "-description", "limit": 3})
    assert [x["description"] for x in r.json()["results"]] == ["n059", "n058", "n057"]
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "ordering": "-id", "limit": 3})
    assert [x["id"] for x in r.json()["results"]] == sorted((p.id for p in many_prefixes), reverse=True)[:3]


def test_ordering_by_name(nb, make_tenant, uid):
    c = make_tenant(name=f"e2e-{uid}-c", slug=f"e2e-{uid}-c")
    a = make_tenant(name=f"e2e-{uid}-a", slug=f"e2e-{uid}-a")
    b = make_tenant(name=f"e2e-{uid}-b", slug=f"e2e-{uid}-b")
    got = [t.id for t in nb.tenancy.tenants.filter(name__isw=f"e2e-{uid}", ordering="name")]
    assert got == [a.id, b.id, c.id]
    got = [t.id for t in nb.tenancy.tenants.filter(name__isw=f"e2e-{uid}", ordering="-name")]
    assert got == [c.id, b.id, a.id]
    # default ordering of tenants is by name
    got = [t.id for t in nb.tenancy.tenants.filter(name__isw=f"e2e-{uid}")]
    assert got == [a.id, b.id, c.id]


def test_offset_pagination_links(http, many_prefixes, pvrf):
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id})
    d = r.json()
    assert d["count"] == 60
    assert len(d["results"]) == 50  # default PAGINATE_COUNT
    assert d["previous"] is None
    assert qs(d["next"]) == {"limit": ["50"], "offset": ["50"], "vrf_id": [str(pvrf.id)]}
    assert d["next"].startswith(http.base + "/api/ipam/prefixes/?")

    r = http.get(d["next"])
    d2 = r.json()
    assert d2["count"] == 60 and len(d2["results"]) == 10
    assert d2["next"] is None
    # previous link of the 2nd page drops offset entirely (offset 0)
    assert qs(d2["previous"]) == {"limit": ["50"], "vrf_id": [str(pvrf.id)]}
    seen = [x["id"] for x in d["results"]] + [x["id"] for x in d2["results"]]
    assert sorted(seen) == ids(many_prefixes)

    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "limit": 20, "offset": 20})
    d = r.json()
    assert len(d["results"]) == 20
    assert qs(d["next"]) == {"limit": ["20"], "offset": ["40"], "vrf_id": [str(pvrf.id)]}
    assert qs(d["previous"]) == {"limit": ["20"], "vrf_id": [str(pvrf.id)]}
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "limit": 20, "offset": 30})
    assert qs(r.json()["previous"]) == {"limit": ["20"], "offset": ["10"], "vrf_id": [str(pvrf.id)]}
    # offset beyond the end: empty page, count intact
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "offset": 500})
    d = r.json()
    assert d["count"] == 60 and d["results"] == [] and d["next"] is None


def test_pynetbox_iterates_all_pages(nb, many_prefixes, pvrf):
    got = list(nb.ipam.prefixes.filter(vrf_id=pvrf.id))
    assert len(got) == 60
    assert ids(got) == ids(many_prefixes)
    assert nb.ipam.prefixes.count(vrf_id=pvrf.id) == 60
    rs = nb.ipam.prefixes.filter(vrf_id=pvrf.id, limit=7)
    assert len(list(rs)) == 60
    # explicit page: limit+offset gives just that page
    page = list(nb.ipam.prefixes.filter(vrf_id=pvrf.id, limit=7, offset=56))
    assert len(page) == 4


def test_limit_zero_and_max_page_size(http, many_prefixes, pvrf):
    # limit=0 -> MAX_PAGE_SIZE (1000) results per page
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "limit": 0})
    d = r.json()
    assert len(d["results"]) == 60 and d["next"] is None
    # limit above MAX_PAGE_SIZE is clamped to 1000: visible in the links
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "limit": 5000, "offset": 10})
    d = r.json()
    assert len(d["results"]) == 50
    assert qs(d["previous"]) == {"limit": ["1000"], "vrf_id": [str(pvrf.id)]}
    # junk limit falls back to the default page size
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "limit": "abc"})
    assert len(r.json()["results"]) == 50


@pytest.mark.slow
def test_limit_5000_returns_1000(nb, http, cleanup, vrf):
    """Needs > 1000 objects: 1001 IP addresses in one bulk POST, deleted in one bulk DELETE."""
    body = [{"address": f"10.{i // 250}.{i % 250}.1/32", "vrf": vrf.id} for i in range(1001)]
    r = http.post("/api/ipam/ip-addresses/", json=body)
    assert r.status_code == 201, r.text[:500]
    created = r.json()
    assert len(created) == 1001
    try:
        r = http.get("/api/ipam/ip-addresses/", params={"vrf_id": vrf.id, "limit": 5000, "brief": 1})
        d = r.json()
        assert d["count"] == 1001
        assert len(d["results"]) == 1000
        assert qs(d["next"]) == {"limit": ["1000"], "offset": ["1000"], "vrf_id": [str(vrf.id)],
                                 "brief": ["1"]}
        r = http.get(d["next"])
        assert len(r.json()["results"]) == 1
        assert len(list(nb.ipam.ip_addresses.filter(vrf_id=vrf.id))) == 1001
    finally:
        r = http.delete("/api/ipam/ip-addresses/", json=[{"id": x["id"]} for x in created])
        assert r.status_code == 204


def test_cursor_pagination(http, many_prefixes, pvrf):
    all_ids = ids(many_prefixes)
    start = all_ids[5]
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "start": start, "limit": 10})
    assert r.status_code == 200
    d = r.json()
    assert d["count"] is None
    assert d["previous"] is None
    assert [x["id"] for x in d["results"]] == all_ids[5:15]
    q = qs(d["next"])
    assert q == {"vrf_id": [str(pvrf.id)], "start": [str(all_ids[14] + 1)], "limit": ["10"]}
    # follow the cursor to the end
    seen = [x["id"] for x in d["results"]]
    url = d["next"]
    pages = 1
    while url:
        d = http.get(url).json()
        seen += [x["id"] for x in d["results"]]
        url = d["next"]
        pages += 1
        assert pages < 20
    assert seen == all_ids[5:]
    # a full last page still gets a next link; the page after it is empty
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "start": all_ids[50], "limit": 10})
    d = r.json()
    assert len(d["results"]) == 10 and d["next"] is not None
    d = http.get(d["next"]).json()
    assert d == {"count": None, "next": None, "previous": None, "results": []}
    # start=0 without limit -> default page size, ordered by id
    d = http.get("/api/ipam/prefixes/", params={"vrf_id": pvrf.id, "start": 0}).json()
    assert [x["id"] for x in d["results"]] == all_ids[:50]


def test_cursor_pagination_errors(http):
    r = http.get("/api/ipam/prefixes/", params={"start": 1, "offset": 5})
    assert r.status_code == 400
    assert r.json() == ["'start' and 'offset' are mutually exclusive."]
    r = http.get("/api/ipam/prefixes/", params={"start": 1, "ordering": "prefix"})
    assert r.status_code == 400
    assert r.json() == ["Ordering cannot be specified in conjunction with cursor-based pagination."]
    r = http.get("/api/ipam/prefixes/", params={"start": -1})
    assert r.status_code == 400
    assert r.json() == ["Invalid 'start' parameter: must be a non-negative integer."]
    r = http.get("/api/ipam/prefixes/", params={"start": "x"})
    assert r.status_code == 400
    assert r.json() == ["Invalid 'start' parameter: must be a non-negative integer."]


def test_pynetbox_cursor_mode(nb, many_prefixes, pvrf, base_url, token):
    api = pynetbox.api(base_url, token=token, pagination="cursor")
    got = list(api.ipam.prefixes.filter(vrf_id=pvrf.id))
    assert [p.id for p in got] == ids(many_prefixes)
