"""brief, fields, omit, ordering, offset/limit pagination, MAX_PAGE_SIZE, cursor pagination (start=)."""

import json
import os
from urllib.parse import parse_qs, urlsplit

import pytest

from helpers import ids

REF = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "reference")


def qs(url):
    return {k: v for k, v in parse_qs(urlsplit(url).query).items()}


@pytest.fixture
def many_prefixes(nb, cleanup, vrf, net4):
    """60 /24 prefixes in a private VRF (more than one default page of 50)."""
    nets = [str(n) for n in list(net4.subnets(new_prefix=24))[:60]]
    objs = nb.ipam.prefixes.create([{"prefix": n, "vrf": vrf.id, "description": f"n{i:03d}"}
                                    for i, n in enumerate(nets)])
    cleanup.add_many(objs)
    assert len(objs) == 60
    return objs


BRIEF_KEYS = {
    "ipam/prefixes": {"id", "url", "display", "family", "prefix", "description", "_depth"},
    "ipam/vrfs": {"id", "url", "display", "name", "rd", "description", "prefix_count"},
    "tenancy/tenants": {"id", "url", "display", "name", "slug", "description"},
    "ipam/ip-addresses": {"id", "url", "display", "family", "address", "description"},
    "ipam/vlans": {"id", "url", "display", "vid", "name", "description"},
    "extras/tags": {"id", "url", "display", "name", "slug", "color", "description"},
    "tenancy/tenant-groups": {"id", "url", "display", "name", "slug", "description", "tenant_count", "_depth"},
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
        assert set(res[0]) == set(ex["response"]["body"]["results"][0])
    # brief works on detail too, and brief=true / brief=True spellings
    r = http.get(f"/api/ipam/prefixes/{p.id}/", params={"brief": "true"})
    assert set(r.json()) == BRIEF_KEYS["ipam/prefixes"]


@pytest.mark.parametrize("path", sorted(BRIEF_KEYS))
def test_brief_key_sets(http, path, make_tenant, make_vrf, make_tag, nb, cleanup, uid, net4):
    # make sure there is at least one object on the endpoint
    if path == "tenancy/tenants":
        make_tenant()
    elif path == "ipam/vrfs":
        make_vrf()
    elif path == "extras/tags":
        make_tag()
    elif path == "ipam/prefixes":
        cleanup.add(nb.ipam.prefixes.create(prefix=str(net4), vrf=make_vrf().id))
    elif path == "ipam/ip-addresses":
        cleanup.add(nb.ipam.ip_addresses.create(address=f"{net4[9]}/16", vrf=make_vrf().id))
    elif path == "ipam/vlans":
        cleanup.add(nb.ipam.vlans.create(vid=7, name=f"e2e-{uid}"))
    elif path == "tenancy/tenant-groups":
        cleanup.add(nb.tenancy.tenant_groups.create(name=f"e2e-{uid}", slug=f"e2e-{uid}"))
    r = http.get(f"/api/{path}/", params={"brief": 1, "limit": 1})
    assert r.status_code == 200
    assert set(r.json()["results"][0]) == BRIEF_KEYS[path]


def test_brief_matches_openapi_brief_schema():
    path = os.path.join(REF, "netbox-4.7-openapi.json")
    if not os.path.exists(path):
        pytest.skip("OpenAPI reference not present")
    with open(path) as f:
        schemas = json.load(f)["components"]["schemas"]
    for name, keys in [("BriefTenant", BRIEF_KEYS["tenancy/tenants"]), ("BriefVLAN", BRIEF_KEYS["ipam/vlans"]),
                       ("BriefTag", BRIEF_KEYS["extras/tags"])]:
        assert set(schemas[name]["properties"]) == keys, name


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


def test_ordering(nb, http, many_prefixes, vrf):
    got = [p.prefix for p in nb.ipam.prefixes.filter(vrf_id=vrf.id, ordering="-prefix", limit=10, offset=0)]
    allp = sorted([p.prefix for p in many_prefixes], key=lambda s: tuple(int(x) for x in s.split("/")[0].split(".")))
    assert got == list(reversed(allp))[:10]
    # default ordering for prefixes is (vrf, prefix)
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "limit": 5})
    assert [x["prefix"] for x in r.json()["results"]] == allp[:5]
    # ordering by description and by id, descending
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "ordering": "-description", "limit": 3})
    assert [x["description"] for x in r.json()["results"]] == ["n059", "n058", "n057"]
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "ordering": "-id", "limit": 3})
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


def test_offset_pagination_links(http, many_prefixes, vrf):
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id})
    d = r.json()
    assert d["count"] == 60
    assert len(d["results"]) == 50  # default PAGINATE_COUNT
    assert d["previous"] is None
    assert qs(d["next"]) == {"limit": ["50"], "offset": ["50"], "vrf_id": [str(vrf.id)]}
    assert d["next"].startswith(http.base + "/api/ipam/prefixes/?")

    r = http.get(d["next"])
    d2 = r.json()
    assert d2["count"] == 60 and len(d2["results"]) == 10
    assert d2["next"] is None
    # previous link of the 2nd page drops offset entirely (offset 0)
    assert qs(d2["previous"]) == {"limit": ["50"], "vrf_id": [str(vrf.id)]}
    seen = [x["id"] for x in d["results"]] + [x["id"] for x in d2["results"]]
    assert sorted(seen) == ids(many_prefixes)

    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "limit": 20, "offset": 20})
    d = r.json()
    assert len(d["results"]) == 20
    assert qs(d["next"]) == {"limit": ["20"], "offset": ["40"], "vrf_id": [str(vrf.id)]}
    assert qs(d["previous"]) == {"limit": ["20"], "vrf_id": [str(vrf.id)]}
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "limit": 20, "offset": 30})
    assert qs(r.json()["previous"]) == {"limit": ["20"], "offset": ["10"], "vrf_id": [str(vrf.id)]}
    # offset beyond the end: empty page, count intact
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "offset": 500})
    d = r.json()
    assert d["count"] == 60 and d["results"] == [] and d["next"] is None


def test_pynetbox_iterates_all_pages(nb, many_prefixes, vrf):
    got = list(nb.ipam.prefixes.filter(vrf_id=vrf.id))
    assert len(got) == 60
    assert ids(got) == ids(many_prefixes)
    assert nb.ipam.prefixes.count(vrf_id=vrf.id) == 60
    rs = nb.ipam.prefixes.filter(vrf_id=vrf.id, limit=7)
    assert len(list(rs)) == 60
    # explicit page: limit+offset gives just that page
    page = list(nb.ipam.prefixes.filter(vrf_id=vrf.id, limit=7, offset=56))
    assert len(page) == 4


def test_limit_zero_and_max_page_size(http, many_prefixes, vrf):
    # limit=0 -> MAX_PAGE_SIZE (1000) results per page
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "limit": 0})
    d = r.json()
    assert len(d["results"]) == 60 and d["next"] is None
    # limit above MAX_PAGE_SIZE is clamped to 1000: visible in the links
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "limit": 5000, "offset": 10})
    d = r.json()
    assert len(d["results"]) == 50
    assert qs(d["previous"]) == {"limit": ["1000"], "vrf_id": [str(vrf.id)]}
    # junk limit falls back to the default page size
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "limit": "abc"})
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


def test_cursor_pagination(http, many_prefixes, vrf):
    all_ids = ids(many_prefixes)
    start = all_ids[5]
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "start": start, "limit": 10})
    assert r.status_code == 200
    d = r.json()
    assert d["count"] is None
    assert d["previous"] is None
    assert [x["id"] for x in d["results"]] == all_ids[5:15]
    q = qs(d["next"])
    assert q == {"vrf_id": [str(vrf.id)], "start": [str(all_ids[14] + 1)], "limit": ["10"]}
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
    r = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "start": all_ids[50], "limit": 10})
    d = r.json()
    assert len(d["results"]) == 10 and d["next"] is not None
    d = http.get(d["next"]).json()
    assert d == {"count": None, "next": None, "previous": None, "results": []}
    # start=0 without limit -> default page size, ordered by id
    d = http.get("/api/ipam/prefixes/", params={"vrf_id": vrf.id, "start": 0}).json()
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


def test_pynetbox_cursor_mode(nb, many_prefixes, vrf, base_url, token):
    import pynetbox

    api = pynetbox.api(base_url, token=token, pagination="cursor")
    got = list(api.ipam.prefixes.filter(vrf_id=vrf.id))
    assert [p.id for p in got] == ids(many_prefixes)
