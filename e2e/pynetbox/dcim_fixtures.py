"""DCIM fixtures: a small two-site network built once per session from device types with templates.

    region (parent) ── region (child) ── site A (site group, location hall ─ room, rack A 42U)
                    └─ site B (rack B 24U, descending units)

    device types: switch (12 x Gi1/0/N + mgmt0, con0, PSU1/PSU2, Slot 1/Slot 2 module bays, fan tray
                  inventory template), 4-position patch panel (rear port "Rear" x4, Front1..Front4),
                  PDU (Inlet + Outlet1..4 on feed leg A)
    module type:  4 x Te{module}/0/N
    devices:      sw-a (rack A U10), pp-a (rack A U40), sw-b (rack B U5), pp-b (rack B U20, rear)
    cables:       sw-a Gi1/0/1 ─ pp-a Front1 │ pp-a Rear ═ pp-b Rear │ pp-b Front1 ─ sw-b Gi1/0/1

The network is read-only for the tests: a test that changes or deletes things makes its own objects
(`make_device` etc.). Everything is deleted at the end of the session (reverse creation order; the
components a device instantiated from its type go with the device).
"""

import types

import pynetbox
import pytest

from helpers import NB_TOKEN, NB_URL, Cleanup, Http, rand_suffix, retrying

SW_PORTS = [f"Gi1/0/{i}" for i in range(1, 13)]


def term(object_type, obj):
    """One cable termination as the API takes it."""
    oid = obj["id"] if isinstance(obj, dict) else obj.id
    return [{"object_type": object_type, "object_id": oid}]


def by_name(records):
    return {r.name: r for r in records}


def build_network(api, cleanup, uid):
    add = cleanup.add
    d = api.dcim
    n = types.SimpleNamespace(uid=uid)
    n.region = add(d.regions.create(name=f"e2e-region-{uid}", slug=f"e2e-region-{uid}"))
    n.region_child = add(d.regions.create(name=f"e2e-subregion-{uid}", slug=f"e2e-subregion-{uid}", parent=n.region.id))
    n.site_group = add(d.site_groups.create(name=f"e2e-sitegroup-{uid}", slug=f"e2e-sitegroup-{uid}"))
    n.site_a = add(d.sites.create(name=f"e2e-site-a-{uid}", slug=f"e2e-site-a-{uid}", region=n.region_child.id,
                                  group=n.site_group.id, status="active", facility="FRA1", time_zone="Europe/Berlin",
                                  latitude=50.110924, longitude=8.682127))
    n.site_b = add(d.sites.create(name=f"e2e-site-b-{uid}", slug=f"e2e-site-b-{uid}", region=n.region.id,
                                  status="planned"))
    n.hall = add(d.locations.create(name=f"e2e-hall-{uid}", slug=f"e2e-hall-{uid}", site=n.site_a.id))
    n.room = add(d.locations.create(name=f"e2e-room-{uid}", slug=f"e2e-room-{uid}", site=n.site_a.id, parent=n.hall.id))
    n.rack_role = add(d.rack_roles.create(name=f"e2e-rackrole-{uid}", slug=f"e2e-rackrole-{uid}", color="2196f3"))
    n.rack_a = add(d.racks.create(name=f"e2e-rack-a-{uid}", site=n.site_a.id, location=n.room.id, role=n.rack_role.id,
                                  u_height=42))
    n.rack_b = add(d.racks.create(name=f"e2e-rack-b-{uid}", site=n.site_b.id, u_height=24, desc_units=True))

    n.manufacturer = add(d.manufacturers.create(name=f"e2e-mfr-{uid}", slug=f"e2e-mfr-{uid}"))
    n.platform = add(d.platforms.create(name=f"e2e-os-{uid}", slug=f"e2e-os-{uid}", manufacturer=n.manufacturer.id))
    mf = n.manufacturer.id
    # switch type with templates of every common kind
    n.sw_type = add(d.device_types.create(manufacturer=mf, model=f"e2e-SW-12-{uid}", slug=f"e2e-sw-12-{uid}",
                                          u_height=1, is_full_depth=True))
    dt = n.sw_type.id
    # templates created out of order: instantiated interfaces must still sort naturally
    order = SW_PORTS[8:] + SW_PORTS[:8]
    cleanup.add_many(d.interface_templates.create(
        [{"device_type": dt, "name": nm, "type": "1000base-t"} for nm in order]
        + [{"device_type": dt, "name": "mgmt0", "type": "1000base-t", "mgmt_only": True}]))
    add(d.console_port_templates.create(device_type=dt, name="con0", type="rj-45"))
    cleanup.add_many(d.power_port_templates.create([
        {"device_type": dt, "name": "PSU1", "type": "iec-60320-c14", "maximum_draw": 150, "allocated_draw": 100},
        {"device_type": dt, "name": "PSU2", "type": "iec-60320-c14"}]))
    cleanup.add_many(d.module_bay_templates.create([
        {"device_type": dt, "name": "Slot 1", "position": "1"},
        {"device_type": dt, "name": "Slot 2", "position": "2"}]))
    add(d.inventory_item_templates.create(device_type=dt, name="Fan tray"))
    # 4-port patch panel: one rear port with 4 positions, Front1..4 mapped to positions 1..4
    n.pp_type = add(d.device_types.create(manufacturer=mf, model=f"e2e-PP-4-{uid}", slug=f"e2e-pp-4-{uid}", u_height=1))
    rpt = add(d.rear_port_templates.create(device_type=n.pp_type.id, name="Rear", type="mpo", positions=4))
    cleanup.add_many(d.front_port_templates.create([
        {"device_type": n.pp_type.id, "name": f"Front{i}", "type": "lc",
         "rear_ports": [{"position": 1, "rear_port": rpt.id, "rear_port_position": i}]} for i in range(1, 5)]))
    # PDU: inlet + outlets fed by it
    n.pdu_type = add(d.device_types.create(manufacturer=mf, model=f"e2e-PDU-{uid}", slug=f"e2e-pdu-{uid}", u_height=1))
    inlet = add(d.power_port_templates.create(device_type=n.pdu_type.id, name="Inlet", type="iec-60309-3p-e-4h"))
    cleanup.add_many(d.power_outlet_templates.create([
        {"device_type": n.pdu_type.id, "name": f"Outlet{i}", "type": "iec-60320-c13", "power_port": inlet.id,
         "feed_leg": "A"} for i in range(1, 5)]))
    # line card with {module} substitution
    n.module_type = add(d.module_types.create(manufacturer=mf, model=f"e2e-LC-4X-{uid}"))
    cleanup.add_many(d.interface_templates.create(
        [{"module_type": n.module_type.id, "name": f"Te{{module}}/0/{i}", "type": "10gbase-x-sfpp"} for i in range(1, 5)]))

    n.role = add(d.device_roles.create(name=f"e2e-access-{uid}", slug=f"e2e-access-{uid}", color="4caf50"))
    n.patch_role = add(d.device_roles.create(name=f"e2e-patch-{uid}", slug=f"e2e-patch-{uid}", color="9e9e9e"))

    n.sw_a = add(d.devices.create(name=f"e2e-sw-a-{uid}", device_type=dt, role=n.role.id, site=n.site_a.id,
                                  location=n.room.id, rack=n.rack_a.id, position=10, face="front",
                                  platform=n.platform.id, serial=f"SN-A-{uid}"))
    n.pp_a = add(d.devices.create(name=f"e2e-pp-a-{uid}", device_type=n.pp_type.id, role=n.patch_role.id,
                                  site=n.site_a.id, location=n.room.id, rack=n.rack_a.id, position=40, face="front"))
    n.sw_b = add(d.devices.create(name=f"e2e-sw-b-{uid}", device_type=dt, role=n.role.id, site=n.site_b.id,
                                  rack=n.rack_b.id, position=5, face="front"))
    n.pp_b = add(d.devices.create(name=f"e2e-pp-b-{uid}", device_type=n.pp_type.id, role=n.patch_role.id,
                                  site=n.site_b.id, rack=n.rack_b.id, position=20, face="rear"))

    n.if_a = by_name(d.interfaces.filter(device_id=n.sw_a.id))
    n.if_b = by_name(d.interfaces.filter(device_id=n.sw_b.id))
    n.front_a = by_name(d.front_ports.filter(device_id=n.pp_a.id))
    n.front_b = by_name(d.front_ports.filter(device_id=n.pp_b.id))
    n.rear_a = d.rear_ports.get(device_id=n.pp_a.id)
    n.rear_b = d.rear_ports.get(device_id=n.pp_b.id)

    cable = lambda a, b, **kw: add(d.cables.create(a_terminations=a, b_terminations=b, **kw))
    n.cable1 = cable(term("dcim.interface", n.if_a["Gi1/0/1"]), term("dcim.frontport", n.front_a["Front1"]),
                     label=f"e2e-c1-{uid}", type="cat6", color="ff0000", length=2, length_unit="m")
    n.trunk = cable(term("dcim.rearport", n.rear_a), term("dcim.rearport", n.rear_b),
                    label=f"e2e-trunk-{uid}", type="mmf-om4")
    n.cable3 = cable(term("dcim.frontport", n.front_b["Front1"]), term("dcim.interface", n.if_b["Gi1/0/1"]),
                     label=f"e2e-c3-{uid}")
    return n


@pytest.fixture(scope="session")
def dcim_net():
    """The shared two-site network (see module docstring). Built with its own client, so the per-test
    cleanup never sees (and never deletes) these objects."""
    api = pynetbox.api(NB_URL, token=NB_TOKEN)
    retrying(api.http_session)
    http = Http(NB_URL, NB_TOKEN)
    c = Cleanup(http)
    try:
        net = build_network(api, c, rand_suffix())
        yield net
    finally:
        errors = c.run()
        http.close()
        assert not errors, "dcim_net cleanup failed: %r" % errors


# ---------------------------------------------------------------- per-test factories (cleaned up per test)


@pytest.fixture
def make_device(nb, cleanup, uid, dcim_net):
    """A device of the shared network's switch type (unless told otherwise) at site A."""
    counter = [0]

    def make(**kw):
        counter[0] += 1
        kw.setdefault("name", f"e2e-dev-{uid}-{counter[0]}")
        kw.setdefault("device_type", dcim_net.sw_type.id)
        kw.setdefault("role", dcim_net.role.id)
        kw.setdefault("site", dcim_net.site_a.id)
        return cleanup.add(nb.dcim.devices.create(**kw))

    return make
