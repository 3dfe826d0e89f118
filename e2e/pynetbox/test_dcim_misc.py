"""DCIM odds and ends: virtual chassis, inventory items (and roles), device bays with child devices, rack
reservations, OPTIONS / choices() of the DCIM endpoints."""

import pytest

from dcim_fixtures import by_name

VC_KEYS = {
    "id", "url", "display_url", "display", "name", "domain", "master", "description", "owner", "comments", "tags",
    "custom_fields", "created", "last_updated", "member_count", "members",
}
INVENTORY_KEYS = {
    "id", "url", "display_url", "display", "device", "parent", "name", "label", "status", "role", "manufacturer",
    "part_id", "serial", "asset_tag", "discovered", "description", "component_type", "component_id", "component",
    "owner", "tags", "custom_fields", "created", "last_updated", "_depth",
}
DEVICE_BAY_KEYS = {
    "id", "url", "display_url", "display", "device", "name", "label", "enabled", "description", "installed_device",
    "owner", "tags", "custom_fields", "created", "last_updated", "_occupied",
}


def nested_device(http, d):
    """A device as virtual chassis master/members show it: with display_url, without description."""
    return {"id": d.id, "url": d.url, "display_url": f"{http.base}/dcim/devices/{d.id}/", "display": d.name,
            "name": d.name}


def test_virtual_chassis(nb, http, cleanup, make_device, uid):
    a, b = make_device(), make_device()
    vc = cleanup.add(nb.dcim.virtual_chassis.create(name=f"e2e-vc-{uid}", domain="e2e"))
    d = http.get(f"/api/dcim/virtual-chassis/{vc.id}/").json()
    assert set(d) == VC_KEYS
    assert d["master"] is None and d["member_count"] == 0 and d["members"] == []
    # the master has to be a member first
    r = http.patch(f"/api/dcim/virtual-chassis/{vc.id}/", json={"master": a.id})
    assert r.status_code == 400
    assert r.json() == {"master": [f"The selected master ({a.name}) is not assigned to this virtual chassis."]}
    # members need a position, unique within the chassis
    r = http.patch(f"/api/dcim/devices/{b.id}/", json={"virtual_chassis": vc.id})
    assert r.json() == {"vc_position": ["A device assigned to a virtual chassis must have its position defined."]}
    r = http.patch(f"/api/dcim/devices/{a.id}/", json={"virtual_chassis": vc.id, "vc_position": 1, "vc_priority": 255})
    assert r.status_code == 200 and r.json()["vc_position"] == 1 and r.json()["vc_priority"] == 255
    r = http.patch(f"/api/dcim/devices/{b.id}/", json={"virtual_chassis": vc.id, "vc_position": 1})
    assert r.json() == {"__all__": ["Device with this Virtual chassis and VC position already exists."]}
    dev_b = nb.dcim.devices.get(b.id)
    dev_b.virtual_chassis = vc.id
    dev_b.vc_position = 2
    assert dev_b.save() is True
    vc.master = a.id
    assert vc.save() is True
    d = http.get(f"/api/dcim/virtual-chassis/{vc.id}/").json()
    assert d["master"] == nested_device(http, a)
    assert d["member_count"] == 2
    assert d["members"] == [nested_device(http, a), nested_device(http, b)]
    # the device shows its chassis as a brief object with the master nested
    dv = http.get(f"/api/dcim/devices/{b.id}/").json()
    assert dv["virtual_chassis"] == {"id": vc.id, "url": vc.url, "display": vc.name, "name": vc.name,
                                     "master": nested_device(http, a), "description": "", "member_count": 2}
    # filters
    assert sorted(x.id for x in nb.dcim.devices.filter(virtual_chassis_id=vc.id)) == sorted([a.id, b.id])
    assert nb.dcim.interfaces.count(device_id=a.id) == 13
    assert nb.dcim.interfaces.count(virtual_chassis_id=vc.id) == 26
    # the master cannot leave
    r = http.patch(f"/api/dcim/devices/{a.id}/", json={"virtual_chassis": None})
    assert r.status_code == 400
    assert r.json() == {"virtual_chassis": [f"Device cannot be removed from virtual chassis {vc.name} because it is "
                                            "currently designated as its master."]}
    # deleting the chassis releases the members and clears their position and priority
    assert vc.delete() is True
    for dev in (a, b):
        x = http.get(f"/api/dcim/devices/{dev.id}/").json()
        assert (x["virtual_chassis"], x["vc_position"], x["vc_priority"]) == (None, None, None)


def test_inventory_items(nb, http, cleanup, make_device, dcim_net, uid):
    dev = make_device()
    ifs = by_name(nb.dcim.interfaces.filter(device_id=dev.id))
    role = cleanup.add(nb.dcim.inventory_item_roles.create(name=f"e2e-optic-{uid}", slug=f"e2e-optic-{uid}",
                                                           color="ff9800"))
    assert set(dict(role)) == {"id", "url", "display_url", "display", "name", "slug", "color", "description",
                               "owner", "comments", "tags", "custom_fields", "created", "last_updated",
                               "inventoryitem_count"}
    chassis = cleanup.add(nb.dcim.inventory_items.create(device=dev.id, name="Chassis", role=role.id,
                                                         manufacturer=dcim_net.manufacturer.id, part_id="X1",
                                                         serial="S1"))
    sfp = cleanup.add(nb.dcim.inventory_items.create(device=dev.id, name="SFP", parent=chassis.id,
                                                     component_type="dcim.interface",
                                                     component_id=ifs["Gi1/0/1"].id))
    d = http.get(f"/api/dcim/inventory-items/{sfp.id}/").json()
    assert set(d) == INVENTORY_KEYS
    assert d["_depth"] == 1 and d["status"] == {"value": "active", "label": "Active"} and d["discovered"] is False
    assert d["parent"] == chassis.id  # the parent is a bare id
    assert d["component_type"] == "dcim.interface" and d["component_id"] == ifs["Gi1/0/1"].id
    assert d["component"]["name"] == "Gi1/0/1" and set(d["component"]) == {
        "id", "url", "display", "device", "name", "description", "cable", "_occupied"}
    c = http.get(f"/api/dcim/inventory-items/{chassis.id}/").json()
    assert c["_depth"] == 0 and c["parent"] is None
    assert set(c["role"]) == {"id", "url", "display", "name", "slug", "description"}
    assert set(c["manufacturer"]) == {"id", "url", "display", "name", "slug", "description"}
    # tree order: the template-made "Fan tray" and "Chassis" at depth 0, "SFP" under "Chassis"
    items = [(i.name, i._depth) for i in nb.dcim.inventory_items.filter(device_id=dev.id)]
    assert items == [("Chassis", 0), ("SFP", 1), ("Fan tray", 0)] or items == [("Chassis", 0), ("Fan tray", 0),
                                                                                ("SFP", 1)]
    assert nb.dcim.inventory_item_roles.get(role.id).inventoryitem_count == 1
    assert nb.dcim.devices.get(dev.id).inventory_item_count == 3
    # deleting a parent takes its children
    assert chassis.delete() is True
    assert http.get(f"/api/dcim/inventory-items/{sfp.id}/").status_code == 404


def test_device_bays_and_child_devices(nb, http, cleanup, make_device, dcim_net, uid):
    mf = dcim_net.manufacturer.id
    r = http.post("/api/dcim/device-bay-templates/", json={"device_type": dcim_net.sw_type.id, "name": "Bay"})
    assert r.status_code == 400
    assert r.json() == {"__all__": [f"Subdevice role of device type ({dcim_net.sw_type.model}) must be set to "
                                    "\"parent\" to allow device bays."]}
    r = http.post("/api/dcim/device-types/", json={"manufacturer": mf, "model": f"e2e-bad-{uid}",
                                                   "slug": f"e2e-bad-{uid}", "u_height": 1, "subdevice_role": "child"})
    assert r.status_code == 400 and r.json() == {"u_height": ["Child device types must be 0U."]}
    parent_t = cleanup.add(nb.dcim.device_types.create(manufacturer=mf, model=f"e2e-chassis-{uid}",
                                                       slug=f"e2e-chassis-{uid}", u_height=2, subdevice_role="parent"))
    child_t = cleanup.add(nb.dcim.device_types.create(manufacturer=mf, model=f"e2e-blade-{uid}",
                                                      slug=f"e2e-blade-{uid}", u_height=0, subdevice_role="child"))
    assert dict(parent_t)["subdevice_role"] == {"value": "parent", "label": "Parent"}
    cleanup.add_many(nb.dcim.device_bay_templates.create([{"device_type": parent_t.id, "name": f"Bay{i}"}
                                                          for i in (1, 2)]))
    chassis = make_device(device_type=parent_t.id)
    blade = make_device(device_type=child_t.id)
    bays = by_name(nb.dcim.device_bays.filter(device_id=chassis.id))
    assert list(bays) == ["Bay1", "Bay2"]
    d = http.get(f"/api/dcim/device-bays/{bays['Bay1'].id}/").json()
    assert set(d) == DEVICE_BAY_KEYS and d["installed_device"] is None and d["_occupied"] is False
    assert nb.dcim.devices.get(chassis.id).device_bay_count == 2
    bay = nb.dcim.device_bays.get(bays["Bay1"].id)
    bay.installed_device = blade.id
    assert bay.save() is True
    d = http.get(f"/api/dcim/device-bays/{bay.id}/").json()
    assert d["_occupied"] is True
    assert d["installed_device"] == {"id": blade.id, "url": blade.url, "display": blade.name, "name": blade.name,
                                     "description": ""}
    b = http.get(f"/api/dcim/devices/{blade.id}/").json()
    assert b["parent_device"] == {
        "id": chassis.id, "url": chassis.url, "display_url": f"{http.base}/dcim/devices/{chassis.id}/",
        "display": chassis.name, "name": chassis.name,
        "device_bay": {"id": bay.id, "url": bay.url, "display_url": f"{http.base}/dcim/device-bays/{bay.id}/",
                       "display": "Bay1", "device": {"id": chassis.id, "url": chassis.url,
                                                     "display_url": f"{http.base}/dcim/devices/{chassis.id}/",
                                                     "display": chassis.name, "name": chassis.name},
                       "name": "Bay1"}}
    assert nb.dcim.devices.get(blade.id).parent_device.id == chassis.id
    # one bay per device
    r = http.patch(f"/api/dcim/device-bays/{bays['Bay2'].id}/", json={"installed_device": blade.id})
    assert r.status_code == 400
    assert r.json() == {"installed_device": ["Cannot install the specified device; device is already installed in "
                                             "Bay1."]}
    # deleting the parent leaves the child device, outside any bay
    assert chassis.delete() is True
    b = http.get(f"/api/dcim/devices/{blade.id}/").json()
    assert b["parent_device"] is None


def test_rack_reservation(nb, http, cleanup, dcim_net, uid):
    rack = dcim_net.rack_a
    user = http.get("/api/users/users/", params={"limit": 1, "ordering": "id"}).json()["results"][0]["id"]
    res = cleanup.add(nb.dcim.rack_reservations.create(rack=rack.id, units=[30, 31], user=user,
                                                       description=f"e2e {uid}"))
    d = http.get(f"/api/dcim/rack-reservations/{res.id}/").json()
    assert set(d) == {"id", "url", "display_url", "display", "rack", "units", "status", "user", "tenant",
                      "description", "owner", "comments", "tags", "custom_fields", "created", "last_updated",
                      "unit_count"}
    assert d["units"] == [30, 31] and d["unit_count"] == 2 and d["status"] == {"value": "active", "label": "Active"}
    assert d["display"] == f"Reservation for rack {rack.name}"
    assert set(d["user"]) == {"id", "url", "display", "username"}
    # units beyond the rack, or already taken by a device
    r = http.post("/api/dcim/rack-reservations/", json={"rack": rack.id, "units": [43], "user": user,
                                                        "description": "x"})
    assert r.status_code == 400
    # reserved units are not shown as occupied in the JSON elevation
    units = http.get(f"/api/dcim/racks/{rack.id}/elevation/", params={"limit": 100}).json()["results"]
    assert [u["occupied"] for u in units if u["id"] in (30.0, 31.0)] == [False, False]


# ---------------------------------------------------------------- OPTIONS / choices


def test_options_interfaces(http):
    r = http.options("/api/dcim/interfaces/")
    assert r.status_code == 200
    assert r.headers["Allow"] == "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, TRACE"
    d = r.json()
    assert set(d) == {"name", "description", "renders", "parses", "actions"}
    assert d["name"] == "Interface List"
    assert d["renders"] == ["application/json", "text/html"]
    assert d["parses"] == ["application/json", "multipart/form-data"]
    assert set(d["actions"]) == {"POST", "PUT"}
    post = d["actions"]["POST"]
    assert post["mode"] == {"type": "field", "required": False, "read_only": False, "label": "Mode", "choices": [
        {"value": "access", "display_name": "Access"}, {"value": "tagged", "display_name": "Tagged"},
        {"value": "tagged-all", "display_name": "Tagged (All)"}, {"value": "q-in-q", "display_name": "Q-in-Q (802.1ad)"}]}
    assert post["name"] == {"type": "string", "required": True, "read_only": False, "label": "Name", "max_length": 64}
    assert post["device"]["type"] == "nested object" and post["device"]["required"] is True
    assert post["cable"]["read_only"] is True
    assert post["_occupied"]["read_only"] is True
    # the device list's OPTIONS have no TRACE
    assert http.options("/api/dcim/devices/").headers["Allow"] == "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"


def test_choices_via_pynetbox(nb):
    ch = nb.dcim.interfaces.choices()
    assert set(ch) == {"type", "duplex", "mode", "rf_role", "rf_channel", "poe_mode", "poe_type"}
    types = [c["value"] for c in ch["type"]]
    assert len(types) == 231
    assert types[:3] == ["virtual", "bridge", "lag"]
    assert {"1000base-t", "10gbase-x-sfpp", "100gbase-x-qsfp28", "other"} <= set(types)
    assert ch["duplex"] == [{"value": "half", "display_name": "Half"}, {"value": "full", "display_name": "Full"},
                            {"value": "auto", "display_name": "Auto"}]
    assert [c["value"] for c in ch["mode"]] == ["access", "tagged", "tagged-all", "q-in-q"]
    assert ch["poe_mode"] == [{"value": "pd", "display_name": "PD"}, {"value": "pse", "display_name": "PSE"}]
    dch = nb.dcim.devices.choices()
    assert set(dch) == {"face", "status", "airflow", "cooling_method"}
    assert [c["value"] for c in dch["status"]] == ["offline", "active", "planned", "staged", "failed", "inventory",
                                                   "decommissioning"]
    cch = nb.dcim.cables.choices()
    assert set(cch) == {"type", "status", "profile", "length_unit"}
    assert [c["value"] for c in cch["status"]] == ["connected", "planned", "decommissioning"]
    assert [c["value"] for c in cch["length_unit"]] == ["km", "m", "cm", "mi", "ft", "in"]
    rch = nb.dcim.racks.choices()
    assert rch["width"] == [{"value": 10, "display_name": "10 inches"}, {"value": 19, "display_name": "19 inches"},
                            {"value": 21, "display_name": "21 inches"}, {"value": 23, "display_name": "23 inches"}]
    assert set(nb.dcim.power_feeds.choices()) == {"status", "type", "supply", "phase"}
    assert set(nb.dcim.power_outlets.choices()) == {"type", "status", "feed_leg"}
    assert [c["value"] for c in nb.dcim.sites.choices()["status"]] == ["planned", "staging", "active",
                                                                      "decommissioning", "retired"]
    assert nb.dcim.virtual_chassis.choices() == {}
    assert nb.dcim.mac_addresses.choices() == {}
