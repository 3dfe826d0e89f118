"""DCIM cables and paths: a path through two patch panels (trace, paths, link_peers, connected_endpoints,
_occupied on both ends), cable and cable-termination shapes, cable validation errors, path recomputation when
the middle cable goes or is planned, what deleting a device does to cables, power and console paths."""

import pytest

from dcim_fixtures import by_name, term

CABLE_KEYS = {
    "id", "url", "display_url", "display", "type", "a_terminations", "b_terminations", "status", "profile", "tenant",
    "bundle", "label", "color", "length", "length_unit", "description", "owner", "comments", "tags", "custom_fields",
    "created", "last_updated",
}
CABLE_TERMINATION_KEYS = {
    "id", "url", "display", "cable", "cable_end", "termination_type", "termination_id", "termination", "connector",
    "positions", "created", "last_updated",
}
INTERFACE_KEYS = {
    "id", "url", "display_url", "display", "device", "vdcs", "module", "name", "label", "type", "channels",
    "channel_id", "enabled", "parent", "bridge", "bridge_interfaces", "lag", "mtu", "mac_address",
    "primary_mac_address", "mac_addresses", "speed", "duplex", "wwn", "mgmt_only", "description", "mode", "rf_role",
    "rf_channel", "poe_mode", "poe_type", "rf_channel_frequency", "rf_channel_width", "tx_power", "untagged_vlan",
    "tagged_vlans", "qinq_svlan", "vlan_translation_policy", "mark_connected", "cable", "cable_end", "wireless_link",
    "link_peers", "link_peers_type", "wireless_lans", "vrf", "l2vpn_termination", "connected_endpoints",
    "connected_endpoints_type", "connected_endpoints_reachable", "owner", "tags", "custom_fields", "created",
    "last_updated", "count_ipaddresses", "count_fhrp_groups", "_occupied",
}
FRONT_PORT_KEYS = {
    "id", "url", "display_url", "display", "device", "module", "name", "label", "type", "color", "positions",
    "rear_ports", "description", "mark_connected", "cable", "cable_end", "link_peers", "link_peers_type", "owner",
    "tags", "custom_fields", "created", "last_updated", "_occupied",
}
REAR_PORT_KEYS = (FRONT_PORT_KEYS - {"rear_ports"}) | {"front_ports"}
BRIEF_CABLE_KEYS = {"id", "url", "display", "label", "description"}
# the cable in a /trace/ segment is its own short representation: no "display", status as a plain string
TRACE_CABLE_KEYS = {"id", "url", "display_url", "type", "status", "label", "color", "length", "length_unit",
                    "description"}
BRIEF_COMPONENT_KEYS = {"id", "url", "display", "device", "name", "description", "cable", "_occupied"}
POWER_FEED_KEYS = {
    "id", "url", "display_url", "display", "power_panel", "rack", "name", "status", "type", "supply", "phase",
    "voltage", "amperage", "max_utilization", "mark_connected", "cable", "cable_end", "link_peers", "link_peers_type",
    "connected_endpoints", "connected_endpoints_type", "connected_endpoints_reachable", "description", "tenant",
    "owner", "comments", "tags", "custom_fields", "created", "last_updated", "_occupied",
}


def brief(obj, base, endpoint, cable=None):
    """A brief component as it appears in link_peers / connected_endpoints / trace."""
    dev = obj.device
    return {
        "id": obj.id, "url": f"{base}/api/dcim/{endpoint}/{obj.id}/", "display": obj.name,
        "device": {"id": dev.id, "url": dev.url, "display": dev.display, "name": dev.name, "description": ""},
        "name": obj.name, "description": "",
        "cable": None if cable is None else {"id": cable.id, "url": cable.url, "display": cable.label or f"#{cable.id}",
                                             "label": cable.label, "description": ""},
        "_occupied": cable is not None,
    }


# ---------------------------------------------------------------- the path through two patch panels


def test_interface_ends_of_a_patched_path(http, dcim_net):
    n = dcim_net
    base = http.base
    a_if, b_if = n.if_a["Gi1/0/1"], n.if_b["Gi1/0/1"]
    a = http.get(f"/api/dcim/interfaces/{a_if.id}/").json()
    assert set(a) == INTERFACE_KEYS
    assert a["cable"] == {"id": n.cable1.id, "url": n.cable1.url, "display": n.cable1.label, "label": n.cable1.label,
                          "description": ""}
    assert a["cable_end"] == "A" and a["_occupied"] is True and a["mark_connected"] is False
    # link peer: the far end of this cable (the patch panel's front port)
    assert a["link_peers_type"] == "dcim.frontport"
    assert a["link_peers"] == [brief(n.front_a["Front1"], base, "front-ports", n.cable1)]
    # connected endpoint: the far end of the whole path (through both panels)
    assert a["connected_endpoints_type"] == "dcim.interface"
    assert a["connected_endpoints"] == [brief(b_if, base, "interfaces", n.cable3)]
    assert a["connected_endpoints_reachable"] is True
    # and the other way round
    b = http.get(f"/api/dcim/interfaces/{b_if.id}/").json()
    assert b["cable_end"] == "B" and b["_occupied"] is True
    assert b["link_peers_type"] == "dcim.frontport"
    assert b["link_peers"] == [brief(n.front_b["Front1"], base, "front-ports", n.cable3)]
    assert b["connected_endpoints"] == [brief(a_if, base, "interfaces", n.cable1)]
    assert b["connected_endpoints_reachable"] is True
    # an uncabled interface
    u = http.get(f"/api/dcim/interfaces/{n.if_a['Gi1/0/2'].id}/").json()
    assert {k: u[k] for k in ("cable", "cable_end", "link_peers", "link_peers_type", "connected_endpoints",
                              "connected_endpoints_type", "connected_endpoints_reachable", "_occupied")} == {
        "cable": None, "cable_end": None, "link_peers": [], "link_peers_type": None, "connected_endpoints": None,
        "connected_endpoints_type": None, "connected_endpoints_reachable": False, "_occupied": False}


def test_pass_through_ports_show_link_peers_only(http, dcim_net):
    n = dcim_net
    base = http.base
    f = http.get(f"/api/dcim/front-ports/{n.front_a['Front1'].id}/").json()
    assert set(f) == FRONT_PORT_KEYS
    assert f["cable_end"] == "B" and f["_occupied"] is True
    assert f["link_peers_type"] == "dcim.interface"
    assert f["link_peers"] == [brief(n.if_a["Gi1/0/1"], base, "interfaces", n.cable1)]
    assert f["rear_ports"] == [{"position": 1, "rear_port": n.rear_a.id, "rear_port_position": 1}]
    r = http.get(f"/api/dcim/rear-ports/{n.rear_a.id}/").json()
    assert set(r) == REAR_PORT_KEYS
    assert r["positions"] == 4 and r["cable_end"] == "A"
    assert r["link_peers_type"] == "dcim.rearport"
    assert r["link_peers"] == [brief(n.rear_b, base, "rear-ports", n.trunk)]
    assert [m["front_port"] for m in r["front_ports"]] == [n.front_a[f"Front{i}"].id for i in range(1, 5)]
    # unused front ports of a cabled panel are not occupied
    f2 = http.get(f"/api/dcim/front-ports/{n.front_a['Front2'].id}/").json()
    assert f2["cable"] is None and f2["_occupied"] is False and f2["link_peers"] == []


def test_trace_through_two_patch_panels(nb, http, dcim_net):
    n = dcim_net
    base = http.base
    r = http.get(f"/api/dcim/interfaces/{n.if_a['Gi1/0/1'].id}/trace/")
    assert r.status_code == 200
    # a trace view answers TRACE in its Allow header (the action is named "trace")
    assert r.headers["Allow"] == "GET, HEAD, OPTIONS, TRACE"
    segs = r.json()
    # one [near ends, cable, far ends] triple per cable
    assert len(segs) == 3
    assert all(isinstance(s, list) and len(s) == 3 and isinstance(s[0], list) and isinstance(s[1], dict)
               and isinstance(s[2], list) for s in segs)
    assert segs[0][0] == [brief(n.if_a["Gi1/0/1"], base, "interfaces", n.cable1)]
    assert segs[0][2] == [brief(n.front_a["Front1"], base, "front-ports", n.cable1)]
    assert segs[1][0] == [brief(n.rear_a, base, "rear-ports", n.trunk)]
    assert segs[1][2] == [brief(n.rear_b, base, "rear-ports", n.trunk)]
    assert segs[2][0] == [brief(n.front_b["Front1"], base, "front-ports", n.cable3)]
    assert segs[2][2] == [brief(n.if_b["Gi1/0/1"], base, "interfaces", n.cable3)]
    assert [s[1]["id"] for s in segs] == [n.cable1.id, n.trunk.id, n.cable3.id]
    assert all(set(s[1]) == TRACE_CABLE_KEYS for s in segs)
    assert segs[0][1] == {
        "id": n.cable1.id, "url": n.cable1.url, "display_url": f"{base}/dcim/cables/{n.cable1.id}/", "type": "cat6",
        "status": "connected", "label": n.cable1.label, "color": "ff0000", "length": 2.0, "length_unit": "m",
        "description": "",
    }
    assert segs[2][1]["type"] is None and segs[2][1]["length"] is None and segs[2][1]["length_unit"] is None
    # the trace from the other end is the mirror image
    back = http.get(f"/api/dcim/interfaces/{n.if_b['Gi1/0/1'].id}/trace/").json()
    assert [[x["id"] for x in s[0]] for s in back] == [[n.if_b["Gi1/0/1"].id], [n.rear_b.id], [n.front_a["Front1"].id]]
    assert [s[1]["id"] for s in back] == [n.cable3.id, n.trunk.id, n.cable1.id]
    # pynetbox flattens the triples: [ends], Cable, [ends], [ends], Cable, ...
    t = nb.dcim.interfaces.get(n.if_a["Gi1/0/1"].id).trace()
    assert len(t) == 9
    assert [type(x).__name__ for x in t[1::3]] == ["Cables"] * 3
    assert [x.id for x in t[1::3]] == [n.cable1.id, n.trunk.id, n.cable3.id]
    assert [[e.id for e in x] for x in t[0::3]] == [[n.if_a["Gi1/0/1"].id], [n.rear_a.id], [n.front_b["Front1"].id]]
    assert type(t[8][0]).__name__ == "Interfaces" and t[8][0].name == "Gi1/0/1"
    assert type(t[2][0]).__name__ == "FrontPorts" and type(t[3][0]).__name__ == "RearPorts"
    # an uncabled interface traces to nothing
    assert http.get(f"/api/dcim/interfaces/{n.if_a['Gi1/0/2'].id}/trace/").json() == []
    assert nb.dcim.interfaces.get(n.if_a["Gi1/0/2"].id).trace() == []


def test_front_and_rear_port_paths(nb, http, dcim_net):
    n = dcim_net
    for url in (f"/api/dcim/front-ports/{n.front_a['Front1'].id}/paths/",
                f"/api/dcim/rear-ports/{n.rear_a.id}/paths/",
                f"/api/dcim/rear-ports/{n.rear_b.id}/paths/"):
        r = http.get(url)
        assert r.status_code == 200
        assert r.headers["Allow"] == "GET, HEAD, OPTIONS"
        paths = r.json()
        # one path per direction, each a flat list of hops; every hop is a list (cables too)
        assert len(paths) == 2, url
        for p in paths:
            assert set(p) == {"id", "path", "is_active", "is_complete", "is_split"}
            assert p["is_active"] is True and p["is_complete"] is True and p["is_split"] is False
            assert len(p["path"]) == 9 and all(isinstance(h, list) and len(h) == 1 for h in p["path"])
            assert all(set(h[0]) == BRIEF_CABLE_KEYS for h in p["path"][1::3])
            assert all(set(h[0]) == BRIEF_COMPONENT_KEYS for i, h in enumerate(p["path"]) if i % 3 != 1)
        starts = sorted((p["path"][0][0]["id"], p["path"][-1][0]["id"]) for p in paths)
        assert starts == sorted([(n.if_a["Gi1/0/1"].id, n.if_b["Gi1/0/1"].id),
                                 (n.if_b["Gi1/0/1"].id, n.if_a["Gi1/0/1"].id)])
        fwd = next(p for p in paths if p["path"][0][0]["id"] == n.if_a["Gi1/0/1"].id)
        assert [h[0]["id"] for h in fwd["path"]] == [
            n.if_a["Gi1/0/1"].id, n.cable1.id, n.front_a["Front1"].id, n.rear_a.id, n.trunk.id, n.rear_b.id,
            n.front_b["Front1"].id, n.cable3.id, n.if_b["Gi1/0/1"].id]
    # an unused front port is on no path
    assert http.get(f"/api/dcim/front-ports/{n.front_a['Front2'].id}/paths/").json() == []
    # pynetbox's paths(): the segments as records (NetBox sends no origin/destination keys)
    ps = nb.dcim.front_ports.get(n.front_a["Front1"].id).paths()
    assert len(ps) == 2
    assert all(p["origin"] is None and p["destination"] is None and len(p["path"]) == 9 for p in ps)


def test_cable_and_termination_shapes(nb, http, dcim_net):
    n = dcim_net
    base = http.base
    c = http.get(f"/api/dcim/cables/{n.cable1.id}/").json()
    assert set(c) == CABLE_KEYS
    assert c["display"] == n.cable1.label
    assert c["type"] == "cat6"  # type is a plain string, status and length_unit are choices
    assert c["status"] == {"value": "connected", "label": "Connected"}
    assert c["length"] == 2.0 and c["length_unit"] == {"value": "m", "label": "Meters"}
    assert c["color"] == "ff0000" and c["profile"] is None and c["bundle"] is None and c["tenant"] is None
    assert c["a_terminations"] == [{"object_type": "dcim.interface", "object_id": n.if_a["Gi1/0/1"].id,
                                    "object": brief(n.if_a["Gi1/0/1"], base, "interfaces", n.cable1)}]
    assert c["b_terminations"] == [{"object_type": "dcim.frontport", "object_id": n.front_a["Front1"].id,
                                    "object": brief(n.front_a["Front1"], base, "front-ports", n.cable1)}]
    t = http.get(f"/api/dcim/cables/{n.cable3.id}/").json()
    assert t["type"] is None and t["length"] is None and t["length_unit"] is None and t["color"] == ""
    # the cable-terminations endpoint: one row per end
    r = http.get("/api/dcim/cable-terminations/", params={"cable_id": n.trunk.id}).json()
    assert r["count"] == 2
    rows = r["results"]
    assert all(set(x) == CABLE_TERMINATION_KEYS for x in rows)
    assert [(x["cable"], x["cable_end"], x["termination_type"], x["termination_id"]) for x in rows] == [
        (n.trunk.id, "A", "dcim.rearport", n.rear_a.id), (n.trunk.id, "B", "dcim.rearport", n.rear_b.id)]
    assert rows[0]["display"] == f"Cable {n.trunk.label} to Rear"
    assert rows[0]["termination"] == brief(n.rear_a, base, "rear-ports", n.trunk)
    assert rows[0]["connector"] is None and rows[0]["positions"] is None
    r = http.get("/api/dcim/cable-terminations/", params={"cable_id": n.cable1.id, "cable_end": "B"}).json()
    assert [x["termination_type"] for x in r["results"]] == ["dcim.frontport"]
    r = http.get("/api/dcim/cable-terminations/", params={"termination_type": "dcim.interface",
                                                          "termination_id": n.if_b["Gi1/0/1"].id}).json()
    assert [x["cable"] for x in r["results"]] == [n.cable3.id]
    # through pynetbox: terminations are GenericListObjects
    cab = nb.dcim.cables.get(n.cable1.id)
    assert cab.a_terminations[0].object_type == "dcim.interface"
    assert cab.a_terminations[0].object.name == "Gi1/0/1"
    assert str(cab) == "Gi1/0/1 <> Front1"


def test_cable_validation_errors(http, nb, make_device, dcim_net, cleanup):
    n = dcim_net
    a, b = make_device(), make_device()
    ia, ib = by_name(nb.dcim.interfaces.filter(device_id=a.id)), by_name(nb.dcim.interfaces.filter(device_id=b.id))
    psu = nb.dcim.power_ports.filter(device_id=b.id)
    psu = next(iter(psu))

    def post(a_t, b_t, **kw):
        return http.post("/api/dcim/cables/", json=dict(a_terminations=a_t, b_terminations=b_t, **kw))

    r = post(term("dcim.interface", ia["Gi1/0/3"]), term("dcim.powerport", psu))
    assert r.status_code == 400
    assert r.json() == {"__all__": ["Incompatible termination types: interface and powerport"]}
    # an end that already has a cable
    r = post(term("dcim.interface", n.if_a["Gi1/0/1"]), term("dcim.interface", ib["Gi1/0/5"]))
    assert r.status_code == 400
    assert r.json() == {"__all__": [f"Duplicate termination found for dcim.interface {n.if_a['Gi1/0/1'].id}: "
                                    f"cable {n.cable1.id}"]}
    r = post(term("dcim.interface", ia["Gi1/0/5"]), term("dcim.interface", ia["Gi1/0/5"]))
    assert r.json() == {"__all__": ["A and B terminations cannot connect to the same object."]}
    r = post([], term("dcim.interface", ia["Gi1/0/5"]))
    assert r.status_code == 400
    assert r.json() == {"__all__": ["Must define A and B terminations when creating a new cable."]}
    r = post(term("dcim.interface", ia["Gi1/0/5"]) + term("dcim.frontport", n.front_a["Front4"]),
             term("dcim.interface", ib["Gi1/0/5"]))
    assert r.json() == {"__all__": ["Cannot connect different termination types to same end of cable."]}
    r = post([{"object_type": "dcim.bogus", "object_id": 1}], term("dcim.interface", ia["Gi1/0/5"]))
    assert r.status_code == 400
    assert r.json() == {"a_terminations": {"0": {"object_type": ["Invalid content type: dcim.bogus"]}}}
    v = nb.dcim.interfaces.create(device=a.id, name="vlan10", type="virtual")
    r = post(term("dcim.interface", v), term("dcim.interface", ib["Gi1/0/5"]))
    assert r.json() == {"__all__": ["Cables cannot be terminated to Virtual interfaces"]}
    r = post(term("dcim.interface", ia["Gi1/0/6"]), term("dcim.interface", ib["Gi1/0/6"]), length=3)
    assert r.json() == {"__all__": ["Must specify a unit when setting a cable length"]}
    r = post(term("dcim.interface", ia["Gi1/0/6"]), term("dcim.interface", ib["Gi1/0/6"]), color="red")
    assert r.json() == {"color": ["Enter a valid hexadecimal RGB color code."]}
    r = post(term("dcim.interface", ia["Gi1/0/6"]), term("dcim.interface", ib["Gi1/0/6"]), status="bogus")
    assert r.json() == {"status": ["bogus is not a valid choice."]}
    # nothing was created by any of these
    assert nb.dcim.cables.count(device_id=[a.id, b.id]) == 0
    # several terminations per end are fine; the unlabelled cable displays as #<id>
    c = cleanup.add(nb.dcim.cables.create(
        a_terminations=term("dcim.interface", ia["Gi1/0/7"]) + term("dcim.interface", ia["Gi1/0/8"]),
        b_terminations=term("dcim.interface", ib["Gi1/0/7"])))
    assert c.display == f"#{c.id}" and c.label == ""
    assert sorted(t.object_id for t in c.a_terminations) == sorted([ia["Gi1/0/7"].id, ia["Gi1/0/8"].id])


def _chain(nb, make_device, dcim_net, cleanup):
    """sw1 Gi1/0/1 - pp1 Front2 | pp1 Rear = pp2 Rear | pp2 Front2 - sw2 Gi1/0/1, all this test's own."""
    n = dcim_net
    s1, s2 = make_device(), make_device()
    p1, p2 = make_device(device_type=n.pp_type.id), make_device(device_type=n.pp_type.id)
    i1 = by_name(nb.dcim.interfaces.filter(device_id=s1.id, name="Gi1/0/1"))["Gi1/0/1"]
    i2 = by_name(nb.dcim.interfaces.filter(device_id=s2.id, name="Gi1/0/1"))["Gi1/0/1"]
    f1 = by_name(nb.dcim.front_ports.filter(device_id=p1.id))["Front2"]
    f2 = by_name(nb.dcim.front_ports.filter(device_id=p2.id))["Front2"]
    r1, r2 = nb.dcim.rear_ports.get(device_id=p1.id), nb.dcim.rear_ports.get(device_id=p2.id)
    mk = lambda x, y, **kw: cleanup.add(nb.dcim.cables.create(a_terminations=x, b_terminations=y, **kw))
    c1 = mk(term("dcim.interface", i1), term("dcim.frontport", f1))
    trunk = mk(term("dcim.rearport", r1), term("dcim.rearport", r2))
    c3 = mk(term("dcim.frontport", f2), term("dcim.interface", i2))
    return dict(s1=s1, s2=s2, p1=p1, p2=p2, i1=i1, i2=i2, f1=f1, f2=f2, r1=r1, r2=r2, c1=c1, trunk=trunk, c3=c3)


def _ends(http, iface_id):
    d = http.get(f"/api/dcim/interfaces/{iface_id}/").json()
    ce = d["connected_endpoints"]
    return (d["cable"] and d["cable"]["id"], [x["id"] for x in ce] if ce is not None else None,
            d["connected_endpoints_type"], d["connected_endpoints_reachable"], d["_occupied"])


def test_paths_follow_changes_of_the_middle_cable(nb, http, make_device, dcim_net, cleanup):
    ch = _chain(nb, make_device, dcim_net, cleanup)
    i1, i2 = ch["i1"].id, ch["i2"].id
    # Front2 maps to rear position 2 on both panels: the path still lines up
    assert _ends(http, i1) == (ch["c1"].id, [i2], "dcim.interface", True, True)
    # the trunk goes: each end keeps its own cable but loses its far end
    assert ch["trunk"].delete() is True
    assert _ends(http, i1) == (ch["c1"].id, None, None, False, True)
    assert _ends(http, i2) == (ch["c3"].id, None, None, False, True)
    # the trace now stops at the rear port: its last segment has an empty cable and no far end
    segs = http.get(f"/api/dcim/interfaces/{i1}/trace/").json()
    assert len(segs) == 2
    assert [x["id"] for x in segs[1][0]] == [ch["r1"].id]
    assert segs[1][1] == [] and segs[1][2] == []
    assert segs[1][0][0]["cable"] is None and segs[1][0][0]["_occupied"] is False
    paths = http.get(f"/api/dcim/front-ports/{ch['f1'].id}/paths/").json()
    assert [(p["is_active"], p["is_complete"], p["is_split"], len(p["path"])) for p in paths] == [
        (True, False, False, 4)]
    # a planned trunk: the far end is known but not reachable, paths are inactive
    trunk = cleanup.add(nb.dcim.cables.create(a_terminations=term("dcim.rearport", ch["r1"]),
                                              b_terminations=term("dcim.rearport", ch["r2"]), status="planned"))
    assert _ends(http, i1) == (ch["c1"].id, [i2], "dcim.interface", False, True)
    paths = http.get(f"/api/dcim/front-ports/{ch['f1'].id}/paths/").json()
    assert sorted((p["is_active"], p["is_complete"], len(p["path"])) for p in paths) == [(False, True, 9)] * 2
    # connected again
    trunk.status = "connected"
    assert trunk.save() is True
    assert _ends(http, i1) == (ch["c1"].id, [i2], "dcim.interface", True, True)
    assert _ends(http, i2) == (ch["c3"].id, [i1], "dcim.interface", True, True)


def test_device_delete_takes_components_terminations_and_assignments(nb, http, make_device, dcim_net, cleanup, vrf):
    ch = _chain(nb, make_device, dcim_net, cleanup)
    s1, s2 = ch["s1"], ch["s2"]
    i1 = ch["i1"]
    direct = cleanup.add(nb.dcim.cables.create(
        a_terminations=term("dcim.interface", by_name(nb.dcim.interfaces.filter(device_id=s1.id))["Gi1/0/10"]),
        b_terminations=term("dcim.interface", by_name(nb.dcim.interfaces.filter(device_id=s2.id))["Gi1/0/10"])))
    s2_10 = by_name(nb.dcim.interfaces.filter(device_id=s2.id))["Gi1/0/10"]
    ip = cleanup.add(nb.ipam.ip_addresses.create(address="198.51.100.7/24", vrf=vrf.id, description="e2e",
                                                 assigned_object_type="dcim.interface", assigned_object_id=i1.id))
    mac = cleanup.add(nb.dcim.mac_addresses.create(mac_address="00:00:5e:00:53:01",
                                                   assigned_object_type="dcim.interface", assigned_object_id=i1.id))
    if_ids = [i.id for i in nb.dcim.interfaces.filter(device_id=s1.id)]
    assert len(if_ids) == 13
    assert s1.delete() is True
    # its components are gone
    r = http.get("/api/dcim/interfaces/", params={"id": if_ids}).json()
    assert r["count"] == 0
    assert http.get(f"/api/dcim/interfaces/{i1.id}/").status_code == 404
    # IP and MAC addresses assigned to its interfaces are deleted with them (not unassigned)
    assert http.get(f"/api/ipam/ip-addresses/{ip.id}/").status_code == 404
    assert http.get(f"/api/dcim/mac-addresses/{mac.id}/").status_code == 404
    # the cables stay, without the terminations that were on the deleted device (the other end is kept)
    c = http.get(f"/api/dcim/cables/{direct.id}/").json()
    assert c["a_terminations"] == []
    assert [(t["object_type"], t["object_id"]) for t in c["b_terminations"]] == [("dcim.interface", s2_10.id)]
    rows = http.get("/api/dcim/cable-terminations/", params={"cable_id": direct.id}).json()["results"]
    assert [(x["cable_end"], x["termination_id"]) for x in rows] == [("B", s2_10.id)]
    c1 = http.get(f"/api/dcim/cables/{ch['c1'].id}/").json()
    assert c1["a_terminations"] == []
    assert [(t["object_type"], t["object_id"]) for t in c1["b_terminations"]] == [("dcim.frontport", ch["f1"].id)]
    # the far end still points at its cable, but has no peer and no endpoint any more
    d = http.get(f"/api/dcim/interfaces/{s2_10.id}/").json()
    assert d["cable"]["id"] == direct.id and d["_occupied"] is True
    assert d["link_peers"] == [] and d["link_peers_type"] is None
    assert d["connected_endpoints"] is None and d["connected_endpoints_reachable"] is False
    assert _ends(http, ch["i2"].id) == (ch["c3"].id, None, None, False, True)
    f1 = http.get(f"/api/dcim/front-ports/{ch['f1'].id}/").json()
    assert f1["cable"]["id"] == ch["c1"].id and f1["link_peers"] == []
    # no complete path runs through the panel any more (NetBox 4.7.3 keeps one incomplete path row here)
    paths = http.get(f"/api/dcim/front-ports/{ch['f1'].id}/paths/").json()
    assert all(p["is_complete"] is False for p in paths)


# ---------------------------------------------------------------- power and console


def test_power_panel_feed_and_power_paths(nb, http, cleanup, make_device, dcim_net, uid):
    n = dcim_net
    base = http.base
    panel = cleanup.add(nb.dcim.power_panels.create(site=n.site_a.id, location=n.hall.id, name=f"e2e-panel-{uid}"))
    feed = cleanup.add(nb.dcim.power_feeds.create(power_panel=panel.id, rack=n.rack_a.id, name=f"e2e-feed-{uid}"))
    d = http.get(f"/api/dcim/power-feeds/{feed.id}/").json()
    assert set(d) == POWER_FEED_KEYS
    # defaults
    assert d["status"] == {"value": "active", "label": "Active"}
    assert d["type"] == {"value": "primary", "label": "Primary"}
    assert d["supply"] == {"value": "ac", "label": "AC"}
    assert d["phase"] == {"value": "single-phase", "label": "Single phase"}
    assert (d["voltage"], d["amperage"], d["max_utilization"]) == (120, 15, 80)
    assert d["cable"] is None and d["connected_endpoints"] is None and d["_occupied"] is False
    assert set(d["power_panel"]) == {"id", "url", "display", "name", "description"}
    p = http.get(f"/api/dcim/power-panels/{panel.id}/").json()
    assert p["powerfeed_count"] == 1 and p["location"]["id"] == n.hall.id
    # feed -> PDU inlet; PDU outlet -> switch PSU
    pdu = make_device(device_type=n.pdu_type.id)
    sw = make_device()
    inlet = nb.dcim.power_ports.get(device_id=pdu.id)
    outlet = by_name(nb.dcim.power_outlets.filter(device_id=pdu.id))["Outlet1"]
    psu = by_name(nb.dcim.power_ports.filter(device_id=sw.id))["PSU1"]
    c_feed = cleanup.add(nb.dcim.cables.create(a_terminations=term("dcim.powerfeed", feed),
                                               b_terminations=term("dcim.powerport", inlet), label=f"e2e-pf-{uid}"))
    c_psu = cleanup.add(nb.dcim.cables.create(a_terminations=term("dcim.poweroutlet", outlet),
                                              b_terminations=term("dcim.powerport", psu)))
    d = http.get(f"/api/dcim/power-feeds/{feed.id}/").json()
    assert d["cable_end"] == "A" and d["_occupied"] is True
    assert d["link_peers_type"] == "dcim.powerport" and d["connected_endpoints_type"] == "dcim.powerport"
    assert [x["id"] for x in d["connected_endpoints"]] == [inlet.id] and d["connected_endpoints_reachable"] is True
    tr = http.get(f"/api/dcim/power-feeds/{feed.id}/trace/").json()
    assert len(tr) == 1
    # a power feed in a trace: no device, but name and cable
    assert tr[0][0] == [{"id": feed.id, "url": f"{base}/api/dcim/power-feeds/{feed.id}/", "display": feed.name,
                         "name": feed.name, "cable": {"id": c_feed.id, "url": c_feed.url, "display": c_feed.label,
                                                      "label": c_feed.label, "description": ""},
                         "description": "", "_occupied": True}]
    assert tr[0][1]["id"] == c_feed.id
    assert [x["id"] for x in tr[0][2]] == [inlet.id]
    # the PSU's path ends at the outlet: it does not continue through the PDU to the feed
    tr = http.get(f"/api/dcim/power-ports/{psu.id}/trace/").json()
    assert len(tr) == 1 and [x["id"] for x in tr[0][2]] == [outlet.id]
    ps = http.get(f"/api/dcim/power-ports/{psu.id}/").json()
    assert ps["connected_endpoints_type"] == "dcim.poweroutlet"
    assert [x["id"] for x in ps["connected_endpoints"]] == [outlet.id]
    ou = http.get(f"/api/dcim/power-outlets/{outlet.id}/").json()
    assert [x["id"] for x in ou["connected_endpoints"]] == [psu.id]
    assert nb.dcim.power_feeds.get(feed.id).trace()[1].id == c_feed.id
    # a feed cabled to an interface is refused
    r = http.post("/api/dcim/cables/", json={
        "a_terminations": term("dcim.powerfeed", cleanup.add(nb.dcim.power_feeds.create(
            power_panel=panel.id, name=f"e2e-feed2-{uid}"))),
        "b_terminations": term("dcim.interface", by_name(nb.dcim.interfaces.filter(device_id=sw.id))["Gi1/0/2"])})
    assert r.status_code == 400
    assert r.json() == {"__all__": ["Incompatible termination types: powerfeed and interface"]}
    # a panel with feeds is protected
    r = http.delete(f"/api/dcim/power-panels/{panel.id}/")
    assert r.status_code == 409


def test_console_path(nb, http, cleanup, make_device, dcim_net):
    sw = make_device()
    cs = make_device(device_type=dcim_net.pp_type.id)
    csp = nb.dcim.console_server_ports.create(device=cs.id, name="ttyS1", type="rj-45")
    con = nb.dcim.console_ports.get(device_id=sw.id)
    cab = cleanup.add(nb.dcim.cables.create(a_terminations=term("dcim.consoleport", con),
                                            b_terminations=term("dcim.consoleserverport", csp)))
    d = http.get(f"/api/dcim/console-ports/{con.id}/").json()
    assert d["type"] == {"value": "rj-45", "label": "RJ-45"} and d["speed"] is None
    assert d["connected_endpoints_type"] == "dcim.consoleserverport"
    assert [x["id"] for x in d["connected_endpoints"]] == [csp.id]
    tr = http.get(f"/api/dcim/console-server-ports/{csp.id}/trace/").json()
    assert len(tr) == 1 and tr[0][1]["id"] == cab.id and [x["id"] for x in tr[0][2]] == [con.id]
    assert nb.dcim.console_ports.get(con.id).trace()[2][0].name == "ttyS1"
