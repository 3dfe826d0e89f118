"""Filter semantics: multi-value OR, lookups (__n, __ic, __isw, __ie, __empty, __gte...), FK filters,
IPAM network filters (within, within_include, contains, parent, mask_length, family, present_in_vrf_id).

Every query is scoped to objects this test created (own VRF, own name prefix), so results are exact.
"""

import datetime
import random

import pytest

from helpers import ids


@pytest.fixture
def pfx_set(nb, cleanup, vrf, make_tenant, net4):
    """Prefixes in a private VRF:
         A  <net>/16          active   tenant T1
         B  <net>.1.0/24      reserved tenant T1   (inside A)
         C  <net>.1.0/26      active   tenant T2   (inside A and B)
         D  <net>.2.0/24      deprecated no tenant (inside A)
         E  2001:db8:<x>::/48 container          (IPv6)
    """
    t1, t2 = make_tenant(), make_tenant()
    s24 = list(net4.subnets(new_prefix=24))
    ep = nb.ipam.prefixes
    objs = ep.create([
        {"prefix": str(net4), "vrf": vrf.id, "status": "active", "tenant": t1.id, "description": "Alpha-one"},
        {"prefix": str(s24[1]), "vrf": vrf.id, "status": "reserved", "tenant": t1.id, "description": "beta"},
        {"prefix": str(list(s24[1].subnets(new_prefix=26))[0]), "vrf": vrf.id, "status": "active",
         "tenant": t2.id, "description": "gamma-ALPHA"},
        {"prefix": str(s24[2]), "vrf": vrf.id, "status": "deprecated", "description": ""},
        {"prefix": f"2001:db8:{net4[0].packed[1]:x}::/48", "vrf": vrf.id, "status": "container"},
    ])
    cleanup.add_many(objs)
    a, b, c, d, e = objs
    return {"A": a, "B": b, "C": c, "D": d, "E": e, "t1": t1, "t2": t2, "vrf": vrf, "net": net4, "s24": s24}


def test_multi_value_or(nb, pfx_set):
    s = pfx_set
    got = ids(nb.ipam.prefixes.filter(vrf_id=s["vrf"].id, status=["active", "reserved"]))
    assert got == ids([s["A"], s["B"], s["C"]])
    assert nb.ipam.prefixes.count(vrf_id=s["vrf"].id, status=["active", "reserved"]) == 3
    assert nb.ipam.prefixes.count(vrf_id=s["vrf"].id, status="container") == 1
    assert nb.ipam.prefixes.count(vrf_id=s["vrf"].id) == 5
    got = ids(nb.ipam.prefixes.filter(vrf_id=s["vrf"].id, tenant_id=[s["t1"].id, s["t2"].id]))
    assert got == ids([s["A"], s["B"], s["C"]])


def test_negation_n(nb, pfx_set):
    s = pfx_set
    got = ids(nb.ipam.prefixes.filter(vrf_id=s["vrf"].id, status__n="active"))
    assert got == ids([s["B"], s["D"], s["E"]])
    got = ids(nb.ipam.prefixes.filter(vrf_id=s["vrf"].id, status__n=["active", "reserved"]))
    assert got == ids([s["D"], s["E"]])
    # tenant_id__n keeps rows with no tenant
    got = ids(nb.ipam.prefixes.filter(vrf_id=s["vrf"].id, tenant_id__n=s["t1"].id))
    assert got == ids([s["C"], s["D"], s["E"]])


def test_string_lookups(nb, pfx_set):
    s = pfx_set
    v = s["vrf"].id
    ep = nb.ipam.prefixes
    assert ids(ep.filter(vrf_id=v, description__ic="alpha")) == ids([s["A"], s["C"]])
    assert ids(ep.filter(vrf_id=v, description__isw="alpha")) == ids([s["A"]])
    assert ids(ep.filter(vrf_id=v, description__iew="ALPHA")) == ids([s["C"]])
    assert ids(ep.filter(vrf_id=v, description__ie="BETA")) == ids([s["B"]])
    assert ids(ep.filter(vrf_id=v, description="beta")) == ids([s["B"]])
    # exact match is case-sensitive
    assert ids(ep.filter(vrf_id=v, description="BETA")) == []
    assert ids(ep.filter(vrf_id=v, description__nic="alpha")) == ids([s["B"], s["D"], s["E"]])
    assert ids(ep.filter(vrf_id=v, description__empty=True)) == ids([s["D"], s["E"]])
    assert ids(ep.filter(vrf_id=v, description__empty=False)) == ids([s["A"], s["B"], s["C"]])


def test_name_lookups_on_tenants(nb, make_tenant, uid):
    a = make_tenant(name=f"E2E-{uid}-Apple", slug=f"e2e-{uid}-apple")
    b = make_tenant(name=f"E2E-{uid}-Banana", slug=f"e2e-{uid}-banana")
    c = make_tenant(name=f"E2E-{uid}-Cherry", slug=f"e2e-{uid}-cherry", description="")
    ep = nb.tenancy.tenants
    assert ids(ep.filter(name__ic=f"{uid}-a")) == ids([a])
    assert ids(ep.filter(name__isw=f"e2e-{uid}")) == ids([a, b, c])
    assert ids(ep.filter(name__ie=f"e2e-{uid}-banana")) == ids([b])
    assert ids(ep.filter(name__n=a.name, name__isw=f"e2e-{uid}")) == ids([b, c])
    assert ids(ep.filter(slug=[a.slug, c.slug])) == ids([a, c])
    assert ids(ep.filter(q=f"{uid}-cher")) == ids([c])
    assert ids(ep.filter(f"{uid}-ban")) == ids([b])  # pynetbox: positional arg is q=
    assert ep.count(q=f"E2E-{uid}") == 3
    assert ids(ep.filter(id=[a.id, b.id])) == ids([a, b])
    assert ids(ep.filter(id__gt=a.id, name__isw=f"e2e-{uid}")) == ids([b, c])
    assert ids(ep.filter(id__lte=b.id, name__isw=f"e2e-{uid}")) == ids([a, b])


def test_fk_filters(nb, pfx_set):
    s = pfx_set
    v = s["vrf"].id
    ep = nb.ipam.prefixes
    assert ids(ep.filter(vrf_id=v, tenant=s["t1"].slug)) == ids([s["A"], s["B"]])
    assert ids(ep.filter(vrf_id=v, tenant_id=s["t2"].id)) == ids([s["C"]])
    # `tenant_id=null` selects rows without tenant
    assert ids(ep.filter(vrf_id=v, tenant_id="null")) == ids([s["D"], s["E"]])
    # pynetbox turns None into the string "null"
    assert ids(ep.filter(vrf_id=v, tenant_id=None)) == ids([s["D"], s["E"]])


def test_network_filters(nb, pfx_set):
    s = pfx_set
    v = s["vrf"].id
    net, s24 = s["net"], s["s24"]
    ep = nb.ipam.prefixes
    assert ids(ep.filter(vrf_id=v, within=str(net))) == ids([s["B"], s["C"], s["D"]])
    assert ids(ep.filter(vrf_id=v, within_include=str(net))) == ids([s["A"], s["B"], s["C"], s["D"]])
    assert ids(ep.filter(vrf_id=v, within=str(s24[1]))) == ids([s["C"]])
    assert ids(ep.filter(vrf_id=v, contains=str(s24[1][70]))) == ids([s["A"], s["B"]])
    assert ids(ep.filter(vrf_id=v, contains=str(s24[1][5]))) == ids([s["A"], s["B"], s["C"]])
    assert ids(ep.filter(vrf_id=v, contains=str(s24[1]))) == ids([s["A"], s["B"]])
    assert ids(ep.filter(vrf_id=v, mask_length=24)) == ids([s["B"], s["D"]])
    # mask_length__gte is family-agnostic: the IPv6 /48 matches too
    assert ids(ep.filter(vrf_id=v, mask_length__gte=24)) == ids([s["B"], s["C"], s["D"], s["E"]])
    assert ids(ep.filter(vrf_id=v, mask_length__gte=24, family=4)) == ids([s["B"], s["C"], s["D"]])
    assert ids(ep.filter(vrf_id=v, mask_length__lte=16)) == ids([s["A"]])
    assert ids(ep.filter(vrf_id=v, family=6)) == ids([s["E"]])
    assert ids(ep.filter(vrf_id=v, family=4)) == ids([s["A"], s["B"], s["C"], s["D"]])
    assert ids(ep.filter(vrf_id=v, prefix=[str(s24[1]), str(s24[2])])) == ids([s["B"], s["D"]])
    assert nb.ipam.prefixes.count(vrf_id=v, within_include=str(net), status="active") == 2


def test_ip_address_filters(nb, cleanup, vrf, make_vrf, make_tenant, net4):
    t = make_tenant()
    s24 = list(net4.subnets(new_prefix=24))
    ep = nb.ipam.ip_addresses
    objs = cleanup.add_many(ep.create([
        {"address": f"{s24[1][1]}/24", "vrf": vrf.id, "tenant": t.id, "dns_name": "a.example.com"},
        {"address": f"{s24[1][2]}/24", "vrf": vrf.id, "status": "reserved"},
        {"address": f"{s24[2][1]}/24", "vrf": vrf.id, "status": "deprecated"},
        {"address": f"{s24[2][2]}/32", "vrf": vrf.id},
        {"address": "2001:db8::1/64", "vrf": vrf.id},
    ]))
    a, b, c, d, e = objs
    v = vrf.id
    assert ids(ep.filter(vrf_id=v, parent=str(s24[1]))) == ids([a, b])
    assert ids(ep.filter(vrf_id=v, parent=[str(s24[1]), str(s24[2])])) == ids([a, b, c, d])
    assert ids(ep.filter(vrf_id=v, parent=str(net4))) == ids([a, b, c, d])
    assert ids(ep.filter(vrf_id=v, mask_length=24)) == ids([a, b, c])
    assert ids(ep.filter(vrf_id=v, mask_length=32)) == ids([d])
    assert ids(ep.filter(vrf_id=v, family=6)) == ids([e])
    assert ids(ep.filter(vrf_id=v, address=str(s24[1][2]))) == ids([b])  # host only matches any mask
    assert ids(ep.filter(vrf_id=v, address=[f"{s24[1][1]}/24", f"{s24[2][2]}/32"])) == ids([a, d])
    assert ids(ep.filter(vrf_id=v, status=["reserved", "deprecated"])) == ids([b, c])
    assert ids(ep.filter(vrf_id=v, tenant=t.slug)) == ids([a])
    assert ids(ep.filter(vrf_id=v, dns_name__ic="example")) == ids([a])
    assert ids(ep.filter(vrf_id=v, q=str(s24[2][1]))) == ids([c])
    assert ep.count(vrf_id=v) == 5

    # present_in_vrf_id: own VRF plus VRFs importing the VRF's export targets
    rt = cleanup.add(nb.ipam.route_targets.create(name=f"65500:{random.randint(1, 2**31)}"))
    exporter = make_vrf(export_targets=[rt.id])
    importer = make_vrf(import_targets=[rt.id])
    x = cleanup.add(ep.create(address=f"{s24[5][1]}/24", vrf=exporter.id))
    y = cleanup.add(ep.create(address=f"{s24[5][2]}/24", vrf=importer.id))
    assert ids(ep.filter(present_in_vrf_id=importer.id)) == ids([x, y])
    assert ids(ep.filter(present_in_vrf_id=exporter.id)) == ids([x])
    assert ids(ep.filter(vrf_id=[exporter.id, importer.id])) == ids([x, y])


def test_vrf_filter_by_rd(nb, cleanup, make_vrf, net4):
    rd = f"65123:{net4[0].packed[1]}{random.randint(1, 10**6)}"
    v = make_vrf(rd=rd)
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net4), vrf=v.id))
    assert ids(nb.ipam.prefixes.filter(vrf=rd)) == [p.id]
    assert ids(nb.ipam.vrfs.filter(rd=rd)) == [v.id]


def test_present_in_vrf_prefixes(nb, cleanup, make_vrf, net4):
    rt = cleanup.add(nb.ipam.route_targets.create(name=f"65501:{random.randint(1, 2**31)}"))
    exporter = make_vrf(export_targets=[rt.id])
    importer = make_vrf(import_targets=[rt.id])
    s24 = list(net4.subnets(new_prefix=24))
    p1 = cleanup.add(nb.ipam.prefixes.create(prefix=str(s24[1]), vrf=exporter.id))
    p2 = cleanup.add(nb.ipam.prefixes.create(prefix=str(s24[2]), vrf=importer.id))
    assert ids(nb.ipam.prefixes.filter(present_in_vrf_id=importer.id)) == ids([p1, p2])
    assert ids(nb.ipam.prefixes.filter(present_in_vrf_id=exporter.id)) == ids([p1])
    assert ids(nb.ipam.prefixes.filter(vrf_id=importer.id)) == ids([p2])


def test_created_and_id_filters(nb, make_tenant, uid):
    a = make_tenant()
    b = make_tenant()
    ep = nb.tenancy.tenants
    created_a = datetime.datetime.fromisoformat(a.created.replace("Z", "+00:00"))
    since = (created_a - datetime.timedelta(seconds=1)).isoformat()
    got = ids(ep.filter(created__gte=since, slug__isw=f"e2e-tenant-{uid}"))
    assert got == ids([a, b])
    future = (created_a + datetime.timedelta(days=1)).isoformat()
    assert ids(ep.filter(created__gte=future, slug__isw=f"e2e-tenant-{uid}")) == []
    assert ids(ep.filter(created__lte=future, slug__isw=f"e2e-tenant-{uid}")) == ids([a, b])
    assert ids(ep.filter(id__gt=a.id, slug__isw=f"e2e-tenant-{uid}")) == ids([b])
    assert ids(ep.filter(id__gte=a.id, slug__isw=f"e2e-tenant-{uid}")) == ids([a, b])
    assert ids(ep.filter(id__lt=b.id, slug__isw=f"e2e-tenant-{uid}")) == ids([a])
    assert ids(ep.filter(last_updated__gte=since, slug__isw=f"e2e-tenant-{uid}")) == ids([a, b])


def test_vlan_filters(nb, cleanup, uid):
    g = cleanup.add(nb.ipam.vlan_groups.create(name=f"e2e-vg-{uid}", slug=f"e2e-vg-{uid}"))
    ep = nb.ipam.vlans
    vl = cleanup.add_many(ep.create([
        {"vid": 10, "name": f"v10-{uid}", "group": g.id},
        {"vid": 20, "name": f"v20-{uid}", "group": g.id, "status": "reserved"},
        {"vid": 30, "name": f"v30-{uid}", "group": g.id},
    ]))
    assert ids(ep.filter(group_id=g.id, vid__gte=20)) == ids(vl[1:])
    assert ids(ep.filter(group_id=g.id, vid__lt=20)) == ids(vl[:1])
    assert ids(ep.filter(group_id=g.id, vid=[10, 30])) == ids([vl[0], vl[2]])
    assert ids(ep.filter(group=g.slug, status="reserved")) == ids([vl[1]])
    assert ids(ep.filter(group_id=g.id, name__ie=f"V30-{uid}")) == ids([vl[2]])
    assert ids(ep.filter(group_id=g.id, q="v20")) == ids([vl[1]])


def test_unknown_filter_is_ignored_but_bad_value_is_400(http, make_tenant):
    t = make_tenant()
    # unknown filter names are ignored (the whole list comes back, so just check 200)
    r = http.get("/api/tenancy/tenants/", params={"no_such_filter": "x", "id": t.id})
    assert r.status_code == 200
    assert [x["id"] for x in r.json()["results"]] == [t.id]
    # a known filter with an invalid value is a 400 naming the field
    r = http.get("/api/ipam/prefixes/", params={"status": "bogus"})
    assert r.status_code == 400
    assert r.json() == {"status": ["Select a valid choice. bogus is not one of the available choices."]}
    r = http.get("/api/tenancy/tenants/", params={"id": "abc"})
    assert r.status_code == 400
    assert r.json() == {"id": ["Enter a whole number."]}
