"""CRUD through pynetbox on every IPAM model that needs no DCIM object."""

import random

from helpers import check_common, delete_and_gone, ids, random_asn_block, random_v6_48, round_trip


def test_rir_crud(nb, cleanup, uid):
    ep = nb.ipam.rirs
    r = cleanup.add(ep.create(name=f"E2E RIR {uid}", slug=f"e2e-rir-{uid}", is_private=True))
    d = check_common(r, "ipam/rirs")
    assert d["is_private"] is True
    assert d["slug"] == f"e2e-rir-{uid}"
    got = ep.get(r.id)
    assert dict(got)["aggregate_count"] == 0
    assert ids(ep.filter(slug=r.slug)) == [r.id]
    assert ids(ep.filter(is_private=True, name=r.name)) == [r.id]
    round_trip(ep, got, "is_private", False)
    delete_and_gone(ep, r)


def test_aggregate_crud(nb, cleanup, make_rir, make_tenant):
    rir = make_rir()
    tenant = make_tenant()
    net = random_v6_48()
    ep = nb.ipam.aggregates
    a = cleanup.add(ep.create(prefix=str(net), rir=rir.id, tenant=tenant.id, date_added="2024-01-31",
                              description="agg"))
    d = check_common(a, "ipam/aggregates")
    assert d["prefix"] == str(net)
    assert d["family"] == {"value": 6, "label": "IPv6"}
    assert d["rir"]["id"] == rir.id and d["rir"]["slug"] == rir.slug
    assert d["tenant"]["slug"] == tenant.slug
    assert d["date_added"] == "2024-01-31"
    assert d["display"] == str(net)
    assert ids(ep.filter(rir_id=rir.id)) == [a.id]
    assert ids(ep.filter(prefix=str(net))) == [a.id]
    assert ids(ep.filter(rir=rir.slug, family=6)) == [a.id]
    round_trip(ep, ep.get(a.id), "date_added", "2025-02-01")
    delete_and_gone(ep, a)


def test_asn_range_and_asn_crud(nb, cleanup, make_rir, make_tenant, uid):
    rir = make_rir()
    tenant = make_tenant()
    start, end = random_asn_block(16)
    ranges = nb.ipam.asn_ranges
    rng = cleanup.add(ranges.create(name=f"e2e-asnr-{uid}", slug=f"e2e-asnr-{uid}", rir=rir.id,
                                    start=start, end=end, tenant=tenant.id))
    d = check_common(rng, "ipam/asn-ranges")
    assert d["start"] == start and d["end"] == end
    assert d["rir"]["id"] == rir.id
    assert "asn_count" not in d
    assert ids(ranges.filter(rir_id=rir.id)) == [rng.id]
    round_trip(ranges, ranges.get(rng.id), "description", "range")

    asns = nb.ipam.asns
    asn = cleanup.add(asns.create(asn=start + 3, rir=rir.id, tenant=tenant.id, description="x"))
    ad = check_common(asn, "ipam/asns")
    assert ad["asn"] == start + 3
    assert ad["rir"]["slug"] == rir.slug
    assert ad["tenant"]["id"] == tenant.id
    assert ad["display"] == f"AS{start + 3} ({(start + 3) >> 16}.{(start + 3) & 0xFFFF})"  # asplain (asdot)
    assert ad["role"] is None
    assert ad["sites"] == []
    assert ids(asns.filter(asn=start + 3)) == [asn.id]
    assert ids(asns.filter(rir_id=rir.id)) == [asn.id]
    assert ids(asns.filter(asn__gte=start, asn__lte=end)) == [asn.id]
    round_trip(asns, asns.get(asn.id), "description", "y")
    delete_and_gone(asns, asn)
    delete_and_gone(ranges, rng)


def test_role_crud(nb, cleanup, uid):
    ep = nb.ipam.roles
    r = cleanup.add(ep.create(name=f"E2E Role {uid}", slug=f"e2e-role-{uid}", weight=500))
    d = check_common(r, "ipam/roles")
    assert d["weight"] == 500
    got = ep.get(r.id)
    assert dict(got)["prefix_count"] == 0 and dict(got)["vlan_count"] == 0
    assert ids(ep.filter(slug=r.slug)) == [r.id]
    round_trip(ep, got, "weight", 1500)
    delete_and_gone(ep, r)


def test_route_target_crud(nb, cleanup, make_tenant):
    tenant = make_tenant()
    ep = nb.ipam.route_targets
    name = f"65000:{random.randint(1, 2**31)}"
    rt = cleanup.add(ep.create(name=name, tenant=tenant.id, description="rt"))
    d = check_common(rt, "ipam/route-targets")
    assert d["name"] == name and d["display"] == name
    assert d["tenant"]["id"] == tenant.id
    assert ids(ep.filter(name=name)) == [rt.id]
    assert ids(ep.filter(tenant_id=tenant.id)) == [rt.id]
    round_trip(ep, ep.get(rt.id), "description", "rt2")
    delete_and_gone(ep, rt)


def test_vrf_crud_with_route_targets(nb, cleanup, make_tenant, uid):
    tenant = make_tenant()
    rts = nb.ipam.route_targets
    rt1 = cleanup.add(rts.create(name=f"65000:{random.randint(1, 2**31)}"))
    rt2 = cleanup.add(rts.create(name=f"65001:{random.randint(1, 2**31)}"))
    rd = f"65002:{random.randint(1, 2**31)}"
    ep = nb.ipam.vrfs
    v = cleanup.add(ep.create(name=f"e2e-vrf-{uid}", rd=rd, tenant=tenant.id, enforce_unique=True,
                              import_targets=[rt1.id, rt2.id], export_targets=[rt1.id]))
    d = check_common(v, "ipam/vrfs")
    assert d["rd"] == rd
    assert d["display"] == f"e2e-vrf-{uid} ({rd})"
    assert d["enforce_unique"] is True
    assert sorted(x["id"] for x in d["import_targets"]) == sorted([rt1.id, rt2.id])
    assert [x["name"] for x in d["export_targets"]] == [rt1.name]
    assert d["tenant"]["slug"] == tenant.slug
    assert d["ipaddress_count"] == 0 and d["prefix_count"] == 0

    got = ep.get(v.id)
    assert got.rd == rd
    assert ids(ep.filter(rd=rd)) == [v.id]
    assert ids(ep.filter(import_target_id=rt2.id)) == [v.id]
    assert ids(ep.filter(export_target=rt1.name)) == [v.id]
    assert ids(ep.filter(tenant=tenant.slug)) == [v.id]
    # route target side shows the relation through filters
    assert v.id in ids(ep.filter(import_target_id=rt1.id))

    got.export_targets = [rt2.id]
    got.enforce_unique = False
    assert got.save()
    fresh = ep.get(v.id)
    assert [x.id for x in fresh.export_targets] == [rt2.id]
    assert fresh.enforce_unique is False
    delete_and_gone(ep, fresh)


def test_prefix_crud(nb, cleanup, vrf, make_tenant, net4, uid):
    tenant = make_tenant()
    role = cleanup.add(nb.ipam.roles.create(name=f"e2e-role-{uid}", slug=f"e2e-role-{uid}"))
    ep = nb.ipam.prefixes
    pfx = str(list(net4.subnets(new_prefix=24))[7])
    p = cleanup.add(ep.create(prefix=pfx, vrf=vrf.id, tenant=tenant.id, role=role.id, status="reserved",
                              is_pool=True, description="p"))
    d = check_common(p, "ipam/prefixes")
    assert d["prefix"] == pfx and d["display"] == pfx
    assert d["family"] == {"value": 4, "label": "IPv4"}
    assert d["status"] == {"value": "reserved", "label": "Reserved"}
    assert d["vrf"]["id"] == vrf.id and d["vrf"]["name"] == vrf.name
    assert d["tenant"]["slug"] == tenant.slug
    assert d["role"]["slug"] == role.slug
    assert d["is_pool"] is True and d["mark_utilized"] is False
    assert d["scope"] is None and d["scope_type"] is None and d["scope_id"] is None
    assert d["vlan"] is None
    assert d["children"] == 0 and d["_depth"] == 0

    got = ep.get(p.id)
    assert got.prefix == pfx and got.status.value == "reserved"
    assert ids(ep.filter(vrf_id=vrf.id)) == [p.id]
    assert ids(ep.filter(prefix=pfx, vrf_id=vrf.id)) == [p.id]
    assert ids(ep.filter(role=role.slug)) == [p.id]

    got.status = "deprecated"
    got.description = "changed"
    assert got.save()
    fresh = ep.get(p.id)
    assert fresh.status.value == "deprecated" and fresh.status.label == "Deprecated"
    assert fresh.description == "changed"
    delete_and_gone(ep, fresh)


def test_ip_range_crud(nb, cleanup, vrf, net4):
    ep = nb.ipam.ip_ranges
    base = list(net4.subnets(new_prefix=24))[3]
    start = f"{base[10]}/24"
    end = f"{base[20]}/24"
    r = cleanup.add(ep.create(start_address=start, end_address=end, vrf=vrf.id, status="active",
                              description="rng"))
    d = check_common(r, "ipam/ip-ranges")
    assert d["start_address"] == start and d["end_address"] == end
    assert d["size"] == 11
    assert d["family"] == {"value": 4, "label": "IPv4"}
    assert d["status"]["value"] == "active"
    assert d["vrf"]["id"] == vrf.id
    assert d["mark_populated"] is False and d["mark_utilized"] is False
    # display elides the octets shared with the start address
    assert d["display"] == f"{base[10]}-{str(base[20]).split('.')[-1]}/24"
    assert ids(ep.filter(vrf_id=vrf.id)) == [r.id]
    assert ids(ep.filter(start_address=start, vrf_id=vrf.id)) == [r.id]
    # `contains` compares as PostgreSQL inet (mask included): pass the address with the range's mask
    assert ids(ep.filter(contains=f"{base[15]}/24", vrf_id=vrf.id)) == [r.id]
    assert ids(ep.filter(contains=f"{base[25]}/24", vrf_id=vrf.id)) == []

    got = ep.get(r.id)
    got.end_address = f"{base[30]}/24"
    assert got.save()
    fresh = ep.get(r.id)
    assert fresh.size == 21
    delete_and_gone(ep, fresh)


def test_ip_address_crud(nb, cleanup, vrf, make_tenant, net4):
    tenant = make_tenant()
    ep = nb.ipam.ip_addresses
    addr = f"{net4[300]}/16"
    ip = cleanup.add(ep.create(address=addr, vrf=vrf.id, tenant=tenant.id, status="dhcp", role="vip",
                               dns_name="host.example.com", description="ip"))
    d = check_common(ip, "ipam/ip-addresses")
    assert d["address"] == addr and d["display"] == addr
    assert d["family"] == {"value": 4, "label": "IPv4"}
    assert d["status"] == {"value": "dhcp", "label": "DHCP"}
    assert d["role"] == {"value": "vip", "label": "VIP"}
    assert d["dns_name"] == "host.example.com"
    assert d["assigned_object_type"] is None and d["assigned_object_id"] is None
    assert d["assigned_object"] is None
    assert d["nat_inside"] is None and d["nat_outside"] == []
    assert d["vrf"]["name"] == vrf.name

    # NAT inside -> nat_outside shows up on the inner address
    outside = cleanup.add(ep.create(address=f"{net4[301]}/16", vrf=vrf.id, nat_inside=ip.id))
    assert outside.nat_inside.id == ip.id
    assert outside.nat_inside.address == addr
    assert [x.id for x in ep.get(ip.id).nat_outside] == [outside.id]
    outside.delete()

    got = ep.get(ip.id)
    got.role = None
    got.status = "active"
    assert got.save()
    fresh = ep.get(ip.id)
    assert fresh.role is None
    assert fresh.status.value == "active"
    assert ids(ep.filter(address=addr, vrf_id=vrf.id)) == [ip.id]
    assert ids(ep.filter(dns_name="host.example.com", vrf_id=vrf.id)) == [ip.id]
    delete_and_gone(ep, fresh)


def test_vlan_group_crud_vid_ranges(nb, cleanup, uid):
    ep = nb.ipam.vlan_groups
    g = cleanup.add(ep.create(name=f"e2e-vg-{uid}", slug=f"e2e-vg-{uid}", vid_ranges=[[100, 199], [300, 309]]))
    d = check_common(g, "ipam/vlan-groups")
    assert d["vid_ranges"] == [[100, 199], [300, 309]]
    assert d["total_vlan_ids"] == 110
    assert d["scope_type"] is None and d["scope"] is None
    got = ep.get(g.id)
    assert got.vlan_count == 0
    assert got.utilization == "0.0"  # percentage, as a string
    assert ids(ep.filter(slug=g.slug)) == [g.id]
    assert ids(ep.filter(contains_vid=150, slug=g.slug)) == [g.id]
    assert ids(ep.filter(contains_vid=250, slug=g.slug)) == []

    got.vid_ranges = [[1, 10]]
    assert got.save()
    fresh = ep.get(g.id)
    assert fresh.vid_ranges == [[1, 10]]
    assert fresh.total_vlan_ids == 10
    delete_and_gone(ep, fresh)


def test_vlan_group_default_vid_range(nb, cleanup, uid):
    g = cleanup.add(nb.ipam.vlan_groups.create(name=f"e2e-vg-{uid}", slug=f"e2e-vg-{uid}"))
    assert g.vid_ranges == [[1, 4094]]
    assert g.total_vlan_ids == 4094


def test_vlan_crud(nb, cleanup, make_tenant, uid):
    tenant = make_tenant()
    role = cleanup.add(nb.ipam.roles.create(name=f"e2e-role-{uid}", slug=f"e2e-role-{uid}"))
    grp = cleanup.add(nb.ipam.vlan_groups.create(name=f"e2e-vg-{uid}", slug=f"e2e-vg-{uid}"))
    ep = nb.ipam.vlans
    v = cleanup.add(ep.create(vid=123, name=f"e2e-vlan-{uid}", group=grp.id, tenant=tenant.id, role=role.id,
                              status="active"))
    d = check_common(v, "ipam/vlans")
    assert d["vid"] == 123
    assert d["name"] == f"e2e-vlan-{uid}"
    assert d["display"] == f"e2e-vlan-{uid} (123)"
    assert d["group"]["id"] == grp.id and d["group"]["slug"] == grp.slug
    assert d["status"] == {"value": "active", "label": "Active"}
    assert d["site"] is None
    assert d["qinq_role"] is None and d["qinq_svlan"] is None
    assert d["prefix_count"] == 0

    assert ids(ep.filter(group_id=grp.id)) == [v.id]
    assert ids(ep.filter(vid=123, group=grp.slug)) == [v.id]
    assert ids(ep.filter(role=role.slug)) == [v.id]
    assert nb.ipam.vlan_groups.get(grp.id).vlan_count == 1

    got = ep.get(v.id)
    got.status = "reserved"
    got.vid = 124
    assert got.save()
    fresh = ep.get(v.id)
    assert fresh.vid == 124 and fresh.status.value == "reserved"
    delete_and_gone(ep, fresh)


def test_vlan_translation_policy_and_rules(nb, cleanup, uid):
    pols = nb.ipam.vlan_translation_policies
    pol = cleanup.add(pols.create(name=f"e2e-vtp-{uid}", description="pol"))
    d = dict(pol)
    assert d["name"] == f"e2e-vtp-{uid}"
    assert d["url"].endswith(f"/api/ipam/vlan-translation-policies/{pol.id}/")
    assert d["rules"] == []
    assert d["custom_fields"] == {} and d["tags"] == []

    rules = nb.ipam.vlan_translation_rules
    r1 = cleanup.add(rules.create(policy=pol.id, local_vid=100, remote_vid=200, description="r1"))
    r2 = cleanup.add(rules.create(policy=pol.id, local_vid=101, remote_vid=201))
    rd = dict(r1)
    assert rd["policy"] == pol.id  # a bare integer, not a nested object
    assert rd["local_vid"] == 100 and rd["remote_vid"] == 200
    assert rd["display"] == f"100 -> 200 ({pol.name})"
    assert rd["url"].endswith(f"/api/ipam/vlan-translation-rules/{r1.id}/")

    got_pol = pols.get(pol.id)
    assert sorted(x.id for x in got_pol.rules) == sorted([r1.id, r2.id])
    assert ids(rules.filter(policy_id=pol.id)) == sorted([r1.id, r2.id])
    assert ids(rules.filter(policy=pol.name)) == sorted([r1.id, r2.id])
    assert ids(rules.filter(policy_id=pol.id, local_vid=101)) == [r2.id]

    round_trip(rules, rules.get(r2.id), "remote_vid", 301)
    round_trip(pols, got_pol, "description", "pol2")
    delete_and_gone(rules, r2)
    delete_and_gone(rules, r1)
    delete_and_gone(pols, pol)


def test_fhrp_group_crud(nb, cleanup, uid):
    ep = nb.ipam.fhrp_groups
    g = cleanup.add(ep.create(protocol="vrrp3", group_id=42, name=f"e2e-fhrp-{uid}", auth_type="plaintext",
                              auth_key="s3cret", description="f"))
    d = check_common(g, "ipam/fhrp-groups")
    assert d["protocol"] == "vrrp3"
    assert d["group_id"] == 42
    assert d["auth_type"] == "plaintext"
    assert d["auth_key"] == "s3cret"
    assert d["ip_addresses"] == []
    assert d["name"] == f"e2e-fhrp-{uid}"
    assert ids(ep.filter(name=g.name)) == [g.id]
    assert ids(ep.filter(protocol="vrrp3", group_id=42, name=g.name)) == [g.id]
    round_trip(ep, ep.get(g.id), "group_id", 43)
    delete_and_gone(ep, g)


def test_service_template_crud(nb, cleanup, uid):
    ep = nb.ipam.service_templates
    st = cleanup.add(ep.create(name=f"e2e-st-{uid}", protocol="tcp", ports=[443, 80]))
    d = check_common(st, "ipam/service-templates")
    # 4.7: port_mappings ("proto/port", in input order); legacy protocol/ports still read and written,
    # ports sorted ascending
    assert d["port_mappings"] == ["tcp/443", "tcp/80"]
    assert d["protocol"] == {"value": "tcp", "label": "TCP"}
    assert d["ports"] == [80, 443]
    assert d["display"] == f"e2e-st-{uid}"
    assert ids(ep.filter(name=st.name)) == [st.id]
    assert ids(ep.filter(port=443, name=st.name)) == [st.id]
    got = ep.get(st.id)
    got.protocol = "udp"
    got.ports = [53]
    assert got.save()
    fresh = ep.get(st.id)
    assert fresh.protocol.value == "udp" and fresh.ports == [53]
    assert fresh.port_mappings == ["udp/53"]
    delete_and_gone(ep, fresh)


def test_service_template_port_mappings(nb, http, cleanup, uid):
    ep = nb.ipam.service_templates
    # several protocols: legacy protocol/ports read as null
    st = cleanup.add(ep.create(name=f"e2e-pm-{uid}", port_mappings=["tcp/22", "udp/53"]))
    assert st.port_mappings == ["tcp/22", "udp/53"]
    assert st.protocol is None and st.ports is None
    r = http.post("/api/ipam/service-templates/", json={"name": f"e2e-dup-{uid}", "protocol": "udp",
                                                        "ports": [8080, 22, 22]})
    assert r.status_code == 400
    assert r.json() == {"ports": ["Duplicate port mapping: udp/22"]}
