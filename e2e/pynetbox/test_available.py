"""available-ips / available-prefixes / available-vlans / available-asns (list + allocate + exhaustion)."""

import pynetbox
import pytest

from helpers import random_asn_block

# NetBox 4.7 answers every exhausted allocation (ips, prefixes, vlans, asns) with this 409 body
INSUFFICIENT = {"detail": "Insufficient resources are available to satisfy the request"}


def test_prefix_available_ips_list(nb, cleanup, vrf, net4, http):
    net = list(net4.subnets(new_prefix=29))[0]  # 6 usable hosts
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net), vrf=vrf.id))
    cleanup.add(nb.ipam.ip_addresses.create(address=f"{net[2]}/29", vrf=vrf.id))
    avail = p.available_ips.list()
    assert [str(a) for a in avail] == [f"{net[i]}/29" for i in (1, 3, 4, 5, 6)]
    assert isinstance(avail[0], pynetbox.models.ipam.IpAddresses)
    # raw shape: plain list, each {family, address, vrf}
    r = http.get(f"/api/ipam/prefixes/{p.id}/available-ips/")
    assert r.status_code == 200
    body = r.json()
    assert isinstance(body, list) and len(body) == 5
    assert set(body[0]) == {"family", "address", "vrf"}
    assert body[0]["family"] == 4
    assert body[0]["address"] == f"{net[1]}/29"
    assert body[0]["vrf"]["id"] == vrf.id and body[0]["vrf"]["name"] == vrf.name
    # ?limit caps the list
    r = http.get(f"/api/ipam/prefixes/{p.id}/available-ips/", params={"limit": 2})
    assert [x["address"] for x in r.json()] == [f"{net[1]}/29", f"{net[3]}/29"]


def test_prefix_available_ips_create_and_exhaust(nb, cleanup, vrf, net4, http):
    net = list(net4.subnets(new_prefix=30))[0]  # 2 usable hosts
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net), vrf=vrf.id))
    ip = cleanup.add(p.available_ips.create({"description": "first", "status": "reserved"}))
    assert ip.address == f"{net[1]}/30"
    assert ip.vrf.id == vrf.id
    assert ip.description == "first"
    assert ip.status.value == "reserved"
    # validation errors mirror the body: dict for a dict, list of dicts for a list
    r = http.post(f"/api/ipam/prefixes/{p.id}/available-ips/", json={"status": "bogus"})
    assert r.status_code == 400
    assert r.json() == {"status": ["bogus is not a valid choice."]}
    r = http.post(f"/api/ipam/prefixes/{p.id}/available-ips/", json=[{"status": "bogus"}])
    assert r.status_code == 400
    assert r.json() == [{"status": ["bogus is not a valid choice."]}]
    ip2 = cleanup.add(p.available_ips.create())
    assert ip2.address == f"{net[2]}/30"
    assert p.available_ips.list() == []
    with pytest.raises(pynetbox.core.query.AllocationError):
        p.available_ips.create()
    r = http.post(f"/api/ipam/prefixes/{p.id}/available-ips/", json={})
    assert r.status_code == 409
    assert r.json() == INSUFFICIENT


def test_prefix_available_ips_create_many(nb, cleanup, vrf, net4, http):
    net = list(net4.subnets(new_prefix=29))[1]
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net), vrf=vrf.id))
    ips = cleanup.add_many(p.available_ips.create([{} for _ in range(3)]))
    assert [i.address for i in ips] == [f"{net[k]}/29" for k in (1, 2, 3)]
    # asking for more than what is left: 409, nothing created
    r = http.post(f"/api/ipam/prefixes/{p.id}/available-ips/", json=[{}, {}, {}, {}])
    assert r.status_code == 409
    assert r.json() == INSUFFICIENT
    assert len(p.available_ips.list()) == 3


def test_pool_prefix_uses_all_addresses(nb, cleanup, vrf, net4):
    net = list(net4.subnets(new_prefix=30))[2]
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net), vrf=vrf.id, is_pool=True))
    assert [str(a) for a in p.available_ips.list()] == [f"{net[i]}/30" for i in range(4)]


def test_ipv6_available_ips(nb, cleanup, vrf):
    p = cleanup.add(nb.ipam.prefixes.create(prefix="2001:db8:e2e::/126", vrf=vrf.id))
    avail = [str(a) for a in p.available_ips.list()]
    # IPv6: the subnet-router anycast address (::0) is skipped unless pool; ::3 is usable
    assert avail == ["2001:db8:e2e::1/126", "2001:db8:e2e::2/126", "2001:db8:e2e::3/126"]


def test_available_prefixes(nb, cleanup, vrf, net4, http):
    parent_net = list(net4.subnets(new_prefix=24))[0]
    parent = cleanup.add(nb.ipam.prefixes.create(prefix=str(parent_net), vrf=vrf.id, status="container"))
    first_child = list(parent_net.subnets(new_prefix=26))[1]
    cleanup.add(nb.ipam.prefixes.create(prefix=str(first_child), vrf=vrf.id))
    avail = parent.available_prefixes.list()
    assert [a.prefix for a in avail] == [str(list(parent_net.subnets(new_prefix=26))[0]),
                                         str(list(parent_net.subnets(new_prefix=25))[1])]
    r = http.get(f"/api/ipam/prefixes/{parent.id}/available-prefixes/")
    body = r.json()
    assert set(body[0]) == {"family", "prefix", "vrf"}
    assert body[0]["family"] == 4 and body[0]["vrf"]["id"] == vrf.id

    new = cleanup.add(parent.available_prefixes.create({"prefix_length": 28, "description": "alloc"}))
    assert new.prefix == str(list(parent_net.subnets(new_prefix=28))[0])
    assert new.vrf.id == vrf.id
    assert new.description == "alloc"
    assert new.status.value == "active"
    many = cleanup.add_many(parent.available_prefixes.create([{"prefix_length": 28}, {"prefix_length": 27}]))
    assert [m.prefix for m in many] == [str(list(parent_net.subnets(new_prefix=28))[1]),
                                        str(list(parent_net.subnets(new_prefix=27))[1])]

    # too big to fit: 409 with NetBox's message
    r = http.post(f"/api/ipam/prefixes/{parent.id}/available-prefixes/", json={"prefix_length": 24})
    assert r.status_code == 409
    assert r.json() == INSUFFICIENT
    # validation errors: always a list with one dict per requested item, messages are plain strings
    r = http.post(f"/api/ipam/prefixes/{parent.id}/available-prefixes/", json={})
    assert r.status_code == 400
    assert r.json() == [{"prefix_length": "this field can not be missing"}]
    r = http.post(f"/api/ipam/prefixes/{parent.id}/available-prefixes/", json={"prefix_length": 99})
    assert r.status_code == 400
    assert r.json() == [{"prefix_length": "Invalid prefix length (99) for IPv4"}]
    r = http.post(f"/api/ipam/prefixes/{parent.id}/available-prefixes/", json=[{"prefix_length": 30}, {}])
    assert r.status_code == 400
    assert r.json() == [{}, {"prefix_length": "this field can not be missing"}]


def test_available_prefixes_exhaustion(nb, cleanup, vrf, net4):
    parent_net = list(net4.subnets(new_prefix=30))[0]
    parent = cleanup.add(nb.ipam.prefixes.create(prefix=str(parent_net), vrf=vrf.id))
    kids = cleanup.add_many(parent.available_prefixes.create([{"prefix_length": 31}, {"prefix_length": 31}]))
    assert [k.prefix for k in kids] == [str(s) for s in parent_net.subnets(new_prefix=31)]
    assert parent.available_prefixes.list() == []
    with pytest.raises(pynetbox.core.query.AllocationError):
        parent.available_prefixes.create({"prefix_length": 32})


def test_ip_range_available_ips(nb, cleanup, vrf, net4, http):
    base = list(net4.subnets(new_prefix=24))[9]
    rng = cleanup.add(nb.ipam.ip_ranges.create(start_address=f"{base[10]}/24", end_address=f"{base[13]}/24",
                                               vrf=vrf.id))
    cleanup.add(nb.ipam.ip_addresses.create(address=f"{base[11]}/24", vrf=vrf.id))
    avail = rng.available_ips.list()
    assert [str(a) for a in avail] == [f"{base[i]}/24" for i in (10, 12, 13)]
    got = cleanup.add(rng.available_ips.create({"description": "r"}))
    assert got.address == f"{base[10]}/24" and got.vrf.id == vrf.id
    more = cleanup.add_many(rng.available_ips.create([{}, {}]))
    assert [m.address for m in more] == [f"{base[12]}/24", f"{base[13]}/24"]
    r = http.post(f"/api/ipam/ip-ranges/{rng.id}/available-ips/", json={})
    assert r.status_code == 409
    assert r.json() == INSUFFICIENT


def test_vlan_group_available_vlans(nb, cleanup, uid, http):
    g = cleanup.add(nb.ipam.vlan_groups.create(name=f"e2e-vg-{uid}", slug=f"e2e-vg-{uid}",
                                               vid_ranges=[[10, 12], [20, 21]]))
    cleanup.add(nb.ipam.vlans.create(vid=11, name=f"v11-{uid}", group=g.id))
    avail = g.available_vlans.list()
    assert [a.vid for a in avail] == [10, 12, 20, 21]
    r = http.get(f"/api/ipam/vlan-groups/{g.id}/available-vlans/")
    body = r.json()
    assert set(body[0]) == {"vid", "group"}
    assert body[0]["vid"] == 10 and body[0]["group"]["id"] == g.id

    v = cleanup.add(g.available_vlans.create({"name": f"alloc-{uid}"}))
    assert v.vid == 10 and v.group.id == g.id and v.name == f"alloc-{uid}"
    vs = cleanup.add_many(g.available_vlans.create([{"name": f"a2-{uid}"}, {"name": f"a3-{uid}"}]))
    assert [x.vid for x in vs] == [12, 20]
    r = http.post(f"/api/ipam/vlan-groups/{g.id}/available-vlans/", json=[{"name": "x"}, {"name": "y"}])
    assert r.status_code == 409
    assert r.json() == INSUFFICIENT
    # a list body is validated item by item: errors come back as a list
    r = http.post(f"/api/ipam/vlan-groups/{g.id}/available-vlans/", json={})
    assert r.status_code == 400
    assert r.json() == [{"name": ["This field is required."]}]
    last = cleanup.add(g.available_vlans.create({"name": f"a4-{uid}"}))
    assert last.vid == 21
    r = http.post(f"/api/ipam/vlan-groups/{g.id}/available-vlans/", json={"name": "z"})
    assert r.status_code == 409
    assert r.json() == INSUFFICIENT
    assert g.available_vlans.list() == []


def test_asn_range_available_asns(nb, cleanup, make_rir, http):
    rir = make_rir()
    start, end = random_asn_block(4)
    rng = cleanup.add(nb.ipam.asn_ranges.create(name=f"e2e-{start}", slug=f"e2e-{start}", rir=rir.id,
                                                start=start, end=end))
    cleanup.add(nb.ipam.asns.create(asn=start + 1, rir=rir.id))
    # pynetbox has no model class for available-asns: it hands back the plain dicts
    avail = rng.available_asns.list()
    assert [a["asn"] for a in avail] == [start, start + 2, start + 3]
    r = http.get(f"/api/ipam/asn-ranges/{rng.id}/available-asns/")
    body = r.json()
    assert r.status_code == 200
    assert set(body[0]) == {"rir", "asn"}
    assert body[0]["asn"] == start
    assert body[0]["rir"] == {"id": rir.id, "url": rir.url, "display": rir.name, "name": rir.name,
                              "slug": rir.slug, "description": ""}
    a = cleanup.add(rng.available_asns.create({"description": "alloc"}))
    assert a["asn"] == start and a["rir"]["id"] == rir.id and a["description"] == "alloc"
    assert a["url"].endswith(f"/api/ipam/asns/{a['id']}/")
    # 32-bit ASNs display with their asdot form
    assert a["display"] == f"AS{start} ({start >> 16}.{start & 0xFFFF})"
    more = cleanup.add_many(rng.available_asns.create([{}, {}]))
    assert [m["asn"] for m in more] == [start + 2, start + 3]
    r = http.post(f"/api/ipam/asn-ranges/{rng.id}/available-asns/", json={})
    assert r.status_code == 409
    assert r.json() == INSUFFICIENT
