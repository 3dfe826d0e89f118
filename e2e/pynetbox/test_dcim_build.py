"""DCIM: organisation (regions, site groups, sites, locations), racks, device types with component templates,
devices instantiating their type's components, modules with {module} substitution, natural interface
ordering, filters, protected deletes and the rack elevation.

Most tests read the shared two-site network of `dcim_fixtures.py`; tests that change things make their own.
"""

import pynetbox
import pytest

from dcim_fixtures import SW_PORTS, by_name
from helpers import check_common, ids

SITE_KEYS = {
    "id", "url", "display_url", "display", "name", "slug", "status", "region", "group", "tenant", "facility",
    "time_zone", "description", "physical_address", "shipping_address", "latitude", "longitude", "owner", "comments",
    "asns", "tags", "custom_fields", "created", "last_updated", "circuit_count", "device_count", "prefix_count",
    "rack_count", "virtualmachine_count", "vlan_count",
}
REGION_KEYS = {
    "id", "url", "display_url", "display", "name", "slug", "parent", "description", "tags", "custom_fields", "created",
    "last_updated", "site_count", "prefix_count", "owner", "comments", "_depth",
}
LOCATION_KEYS = {
    "id", "url", "display_url", "display", "name", "slug", "site", "parent", "status", "tenant", "facility",
    "description", "tags", "custom_fields", "created", "last_updated", "rack_count", "device_count", "prefix_count",
    "owner", "comments", "_depth",
}
RACK_KEYS = {
    "id", "url", "display_url", "display", "name", "facility_id", "site", "location", "group", "tenant", "status",
    "role", "serial", "asset_tag", "rack_type", "form_factor", "width", "u_height", "starting_unit", "weight",
    "max_weight", "weight_unit", "desc_units", "outer_width", "outer_height", "outer_depth", "outer_unit",
    "mounting_depth", "airflow", "cooling_capability", "cooling_capacity", "description", "owner", "comments", "tags",
    "custom_fields", "created", "last_updated", "device_count", "powerfeed_count",
}
DEVICE_KEYS = {
    "id", "url", "display_url", "display", "name", "device_type", "role", "tenant", "platform", "serial", "asset_tag",
    "site", "location", "rack", "position", "face", "latitude", "longitude", "parent_device", "status", "airflow",
    "cooling_method", "primary_ip", "primary_ip4", "primary_ip6", "oob_ip", "cluster", "virtual_chassis",
    "vc_position", "vc_priority", "description", "owner", "comments", "config_template", "config_context",
    "local_context_data", "tags", "custom_fields", "created", "last_updated", "console_port_count",
    "console_server_port_count", "power_port_count", "power_outlet_count", "cooling_intake_count",
    "cooling_outflow_count", "interface_count", "front_port_count", "rear_port_count", "device_bay_count",
    "module_bay_count", "inventory_item_count",
}
DEVICE_TYPE_KEYS = {
    "id", "url", "display_url", "display", "manufacturer", "default_platform", "model", "slug", "part_number",
    "u_height", "exclude_from_utilization", "is_full_depth", "subdevice_role", "airflow", "cooling_method", "weight",
    "weight_unit", "end_of_life", "front_image", "rear_image", "description", "owner", "comments", "tags",
    "custom_fields", "created", "last_updated", "device_count", "console_port_template_count",
    "console_server_port_template_count", "power_port_template_count", "power_outlet_template_count",
    "cooling_intake_template_count", "cooling_outflow_template_count", "interface_template_count",
    "front_port_template_count", "rear_port_template_count", "device_bay_template_count",
    "module_bay_template_count", "inventory_item_template_count",
}
MODULE_KEYS = {
    "id", "url", "display_url", "display", "device", "module_bay", "module_type", "status", "serial", "asset_tag",
    "description", "owner", "comments", "tags", "custom_fields", "created", "last_updated", "is_bay_compatible",
}
MODULE_BAY_KEYS = {
    "id", "url", "display_url", "display", "device", "module", "name", "label", "position", "enabled", "description",
    "module_bay_types", "installed_module", "owner", "tags", "custom_fields", "created", "last_updated", "_occupied",
    "is_module_compatible",
}
BRIEF_DEVICE_KEYS = {"id", "url", "display", "name", "description"}
BRIEF_INTERFACE_KEYS = {"id", "url", "display", "device", "name", "description", "cable", "_occupied"}
RACK_UNIT_KEYS = {"id", "name", "face", "device", "occupied", "display", "description"}


# ---------------------------------------------------------------- organisation


def test_regions_site_groups_sites_locations(nb, http, dcim_net):
    n = dcim_net
    # nested regions: _depth, parent as a nested object with display_url (and no description)
    r = http.get(f"/api/dcim/regions/{n.region_child.id}/").json()
    assert set(r) == REGION_KEYS
    check_common(nb.dcim.regions.get(n.region_child.id), "dcim/regions")
    assert r["_depth"] == 1
    assert r["parent"] == {
        "id": n.region.id, "url": n.region.url, "display_url": f"{http.base}/dcim/regions/{n.region.id}/",
        "display": n.region.name, "name": n.region.name, "slug": n.region.slug, "_depth": 0,
    }
    assert r["site_count"] == 1
    # site_count of a region counts the sites of its descendants too
    top = http.get(f"/api/dcim/regions/{n.region.id}/").json()
    assert top["_depth"] == 0 and top["parent"] is None and top["site_count"] == 2
    assert ids(nb.dcim.regions.filter(parent_id=n.region.id)) == [n.region_child.id]
    # site groups have the same shape
    g = http.get(f"/api/dcim/site-groups/{n.site_group.id}/").json()
    assert set(g) == REGION_KEYS and g["site_count"] == 1 and g["_depth"] == 0

    s = http.get(f"/api/dcim/sites/{n.site_a.id}/").json()
    assert set(s) == SITE_KEYS
    assert s["status"] == {"value": "active", "label": "Active"}
    assert s["time_zone"] == "Europe/Berlin" and s["facility"] == "FRA1"
    assert s["latitude"] == 50.110924 and s["longitude"] == 8.682127
    # nested region / group in a site: brief plus site_count and _depth (site_count is not computed there)
    assert set(s["region"]) == {"id", "url", "display", "name", "slug", "description", "site_count", "_depth"}
    assert s["region"]["id"] == n.region_child.id and s["region"]["_depth"] == 1
    assert set(s["group"]) == {"id", "url", "display", "name", "slug", "description", "site_count", "_depth"}
    assert s["rack_count"] == 1 and s["device_count"] == 2 and s["asns"] == []
    assert nb.dcim.sites.get(n.site_b.id).status.value == "planned"
    # sites filter by region including the region's descendants
    assert ids(nb.dcim.sites.filter(region_id=n.region.id)) == sorted([n.site_a.id, n.site_b.id])
    assert ids(nb.dcim.sites.filter(region=n.region_child.slug)) == [n.site_a.id]
    assert ids(nb.dcim.sites.filter(group_id=n.site_group.id)) == [n.site_a.id]

    loc = http.get(f"/api/dcim/locations/{n.room.id}/").json()
    assert set(loc) == LOCATION_KEYS
    assert loc["_depth"] == 1 and loc["status"] == {"value": "active", "label": "Active"}
    assert loc["parent"] == {
        "id": n.hall.id, "url": n.hall.url, "display_url": f"{http.base}/dcim/locations/{n.hall.id}/",
        "display": n.hall.name, "name": n.hall.name, "slug": n.hall.slug, "_depth": 0,
    }
    assert set(loc["site"]) == {"id", "url", "display", "name", "slug", "description"}
    assert loc["rack_count"] == 1 and loc["device_count"] == 2
    # the hall counts the racks and devices of its child locations
    hall = http.get(f"/api/dcim/locations/{n.hall.id}/").json()
    assert hall["rack_count"] == 1 and hall["device_count"] == 2
    assert ids(nb.dcim.locations.filter(site_id=n.site_a.id)) == sorted([n.hall.id, n.room.id])


def test_location_must_belong_to_parents_site(http, dcim_net, uid):
    n = dcim_net
    r = http.post("/api/dcim/locations/", json={"name": f"e2e-x-{uid}", "slug": f"e2e-x-{uid}",
                                                 "site": n.site_b.id, "parent": n.hall.id})
    assert r.status_code == 400
    assert r.json() == {"__all__": [f"Parent location ({n.hall.name}) must belong to the same site ({n.site_b.name})."]}


def test_rack_shape_and_defaults(nb, http, dcim_net):
    n = dcim_net
    d = http.get(f"/api/dcim/racks/{n.rack_a.id}/").json()
    assert set(d) == RACK_KEYS
    assert d["status"] == {"value": "active", "label": "Active"}
    assert d["width"] == {"value": 19, "label": "19 inches"}
    assert d["u_height"] == 42 and d["starting_unit"] == 1 and d["desc_units"] is False
    assert d["form_factor"] is None and d["weight_unit"] is None and d["outer_unit"] is None
    assert d["device_count"] == 2 and d["powerfeed_count"] == 0
    assert set(d["site"]) == {"id", "url", "display", "name", "slug", "description"}
    assert set(d["location"]) == {"id", "url", "display", "name", "slug", "description", "rack_count", "_depth"}
    assert set(d["role"]) == {"id", "url", "display", "name", "slug", "description"}
    assert d["role"]["id"] == n.rack_role.id
    assert nb.dcim.racks.get(n.rack_b.id).desc_units is True
    assert ids(nb.dcim.racks.filter(site_id=n.site_a.id)) == [n.rack_a.id]
    assert ids(nb.dcim.racks.filter(location_id=n.hall.id)) == [n.rack_a.id]  # descendants included
    assert ids(nb.dcim.racks.filter(role=n.rack_role.slug)) == [n.rack_a.id]


def test_protected_delete_site_with_rack(nb, http, cleanup, uid):
    site = cleanup.add(nb.dcim.sites.create(name=f"e2e-prot-{uid}", slug=f"e2e-prot-{uid}"))
    rack = cleanup.add(nb.dcim.racks.create(name=f"e2e-prot-rack-{uid}", site=site.id))
    r = http.delete(f"/api/dcim/sites/{site.id}/")
    assert r.status_code == 409
    assert r.json() == {"detail": f"Unable to delete object. 1 dependent objects were found: {rack.name} ({rack.id})"}
    # pynetbox raises RequestError with the same body
    with pytest.raises(pynetbox.RequestError) as ei:
        site.delete()
    assert ei.value.req.status_code == 409
    assert nb.dcim.sites.get(site.id) is not None
    # once the rack is gone the site can go
    assert rack.delete() is True
    assert site.delete() is True
    assert nb.dcim.sites.get(site.id) is None


def test_protected_delete_bulk_and_other_relations(http, nb, cleanup, uid, dcim_net):
    # a manufacturer with device types, a device type with devices, a role with devices
    r = http.delete(f"/api/dcim/manufacturers/{dcim_net.manufacturer.id}/")
    assert r.status_code == 409 and r.json()["detail"].startswith("Unable to delete object. ")
    r = http.delete(f"/api/dcim/device-types/{dcim_net.pp_type.id}/")
    assert r.status_code == 409
    body = r.json()["detail"]
    assert body.startswith("Unable to delete object. 2 dependent objects were found: ")
    assert f"{dcim_net.pp_a.name} ({dcim_net.pp_a.id})" in body and f"{dcim_net.pp_b.name} ({dcim_net.pp_b.id})" in body
    r = http.delete(f"/api/dcim/device-roles/{dcim_net.patch_role.id}/")
    assert r.status_code == 409
    # bulk delete containing one protected object: 409, nothing deleted
    s1 = cleanup.add(nb.dcim.sites.create(name=f"e2e-bd1-{uid}", slug=f"e2e-bd1-{uid}"))
    r = http.delete("/api/dcim/sites/", json=[{"id": s1.id}, {"id": dcim_net.site_b.id}])
    assert r.status_code == 409
    assert nb.dcim.sites.get(s1.id) is not None


# ---------------------------------------------------------------- types and templates


def test_device_type_counts_and_template_shapes(http, nb, dcim_net):
    n = dcim_net
    d = http.get(f"/api/dcim/device-types/{n.sw_type.id}/").json()
    assert set(d) == DEVICE_TYPE_KEYS
    assert d["u_height"] == 1.0 and d["is_full_depth"] is True and d["subdevice_role"] is None
    assert d["exclude_from_utilization"] is False and d["front_image"] is None
    assert d["device_count"] == 2
    assert d["interface_template_count"] == 13
    assert d["console_port_template_count"] == 1 and d["power_port_template_count"] == 2
    assert d["module_bay_template_count"] == 2 and d["inventory_item_template_count"] == 1
    assert d["rear_port_template_count"] == 0 and d["device_bay_template_count"] == 0
    assert set(d["manufacturer"]) == {"id", "url", "display", "name", "slug", "description"}
    # templates of one type, naturally ordered although created out of order
    names = [t.name for t in nb.dcim.interface_templates.filter(device_type_id=n.sw_type.id)]
    assert names == SW_PORTS + ["mgmt0"]
    t = http.get("/api/dcim/interface-templates/", params={"device_type_id": n.sw_type.id, "name": "mgmt0"}).json()
    t = t["results"][0]
    assert set(t) == {
        "id", "url", "display", "device_type", "module_type", "name", "label", "type", "channels", "channel_id",
        "enabled", "mgmt_only", "description", "parent", "bridge", "poe_mode", "poe_type", "rf_role", "created",
        "last_updated",
    }
    assert t["mgmt_only"] is True and t["enabled"] is True and t["module_type"] is None
    assert set(t["device_type"]) == {"id", "url", "display", "manufacturer", "model", "slug", "description",
                                     "device_count"}
    # 4.7 port mappings: a front port template names its rear port template and position
    fpt = {f.name: dict(f) for f in nb.dcim.front_port_templates.filter(device_type_id=n.pp_type.id)}
    rpt = dict(nb.dcim.rear_port_templates.get(device_type_id=n.pp_type.id))
    assert list(fpt) == ["Front1", "Front2", "Front3", "Front4"]
    assert fpt["Front3"]["positions"] == 1
    assert fpt["Front3"]["rear_ports"] == [{"position": 1, "rear_port": rpt["id"], "rear_port_position": 3}]
    assert rpt["positions"] == 4
    assert rpt["front_ports"] == [
        {"position": i, "front_port": fpt[f"Front{i}"]["id"], "front_port_position": 1} for i in range(1, 5)]


def test_front_port_mappings(nb, http, make_device, dcim_net):
    """4.7 front ports carry a list of rear-port mappings; a mapping is optional and each rear port position
    can be mapped once."""
    pp = make_device(device_type=dcim_net.pp_type.id)
    rear = nb.dcim.rear_ports.get(device_id=pp.id)
    # Front2 of the type is mapped to position 2 already
    r = http.post("/api/dcim/front-ports/", json={
        "device": pp.id, "name": "FrontX", "type": "lc",
        "rear_ports": [{"position": 1, "rear_port": rear.id, "rear_port_position": 2}]})
    assert r.status_code == 400
    assert r.json() == {"rear_ports": {"0": {"__all__": [
        "The fields rear_port, rear_port_position must make a unique set."]}}}
    # a front port without any rear port
    r = http.post("/api/dcim/front-ports/", json={"device": pp.id, "name": "FrontY", "type": "lc"})
    assert r.status_code == 201
    d = r.json()
    assert d["rear_ports"] == [] and d["positions"] == 1
    # rear_port_position defaults to 1
    rear2 = nb.dcim.rear_ports.create(device=pp.id, name="Rear2", type="lc")
    r = http.post("/api/dcim/front-ports/", json={"device": pp.id, "name": "FrontZ", "type": "lc",
                                                  "rear_ports": [{"position": 1, "rear_port": rear2.id}]})
    assert r.status_code == 201
    assert r.json()["rear_ports"] == [{"position": 1, "rear_port": rear2.id, "rear_port_position": 1}]
    assert dict(nb.dcim.rear_ports.get(rear2.id))["front_ports"] == [
        {"position": 1, "front_port": r.json()["id"], "front_port_position": 1}]


def test_device_instantiates_components(nb, http, dcim_net):
    n = dcim_net
    d = http.get(f"/api/dcim/devices/{n.sw_a.id}/").json()
    assert set(d) == DEVICE_KEYS
    assert d["interface_count"] == 13 and d["console_port_count"] == 1 and d["power_port_count"] == 2
    assert d["module_bay_count"] == 2 and d["inventory_item_count"] == 1
    assert d["front_port_count"] == 0 and d["device_bay_count"] == 0 and d["power_outlet_count"] == 0
    assert d["position"] == 10.0 and d["face"] == {"value": "front", "label": "Front"}
    assert d["status"] == {"value": "active", "label": "Active"}
    assert d["display"] == n.sw_a.name and d["parent_device"] is None and d["primary_ip"] is None
    assert d["config_context"] == {} and d["local_context_data"] is None
    assert set(d["device_type"]) == {"id", "url", "display", "manufacturer", "model", "slug", "description",
                                     "device_count"}
    assert set(d["role"]) == {"id", "url", "display", "name", "slug", "description", "device_count",
                              "virtualmachine_count", "_depth"}
    assert set(d["platform"]) == {"id", "url", "display", "name", "slug", "description", "device_count",
                                  "virtualmachine_count", "_depth"}
    assert set(d["rack"]) == BRIEF_DEVICE_KEYS
    assert d["location"]["id"] == n.room.id and d["site"]["id"] == n.site_a.id
    # every template became a component of the device
    ifs = list(nb.dcim.interfaces.filter(device_id=n.sw_a.id))
    assert [i.name for i in ifs] == SW_PORTS + ["mgmt0"]
    assert [i.mgmt_only for i in ifs] == [False] * 12 + [True]
    assert all(i.type.value == "1000base-t" and i.enabled and i.module is None for i in ifs)
    assert [c.name for c in nb.dcim.console_ports.filter(device_id=n.sw_a.id)] == ["con0"]
    psus = list(nb.dcim.power_ports.filter(device_id=n.sw_a.id))
    assert [(p.name, p.maximum_draw, p.allocated_draw) for p in psus] == [("PSU1", 150, 100), ("PSU2", None, None)]
    bays = list(nb.dcim.module_bays.filter(device_id=n.sw_a.id))
    assert [(b.name, b.position, b.installed_module) for b in bays] == [("Slot 1", "1", None), ("Slot 2", "2", None)]
    assert [i.name for i in nb.dcim.inventory_items.filter(device_id=n.sw_a.id)] == ["Fan tray"]
    # patch panel: outlets of the PDU point at the instantiated inlet, front ports at the instantiated rear port
    fronts = list(nb.dcim.front_ports.filter(device_id=n.pp_a.id))
    rear = n.rear_a
    assert [f.name for f in fronts] == ["Front1", "Front2", "Front3", "Front4"]
    for i, f in enumerate(fronts, 1):
        assert dict(f)["rear_ports"] == [{"position": 1, "rear_port": rear.id, "rear_port_position": i}]
    assert dict(nb.dcim.rear_ports.get(rear.id))["front_ports"] == [
        {"position": i, "front_port": f.id, "front_port_position": 1} for i, f in enumerate(fronts, 1)]
    assert rear.positions == 4


def test_pdu_outlets_point_at_instantiated_inlet(nb, make_device, dcim_net):
    pdu = make_device(device_type=dcim_net.pdu_type.id)
    inlet = nb.dcim.power_ports.get(device_id=pdu.id)
    outlets = list(nb.dcim.power_outlets.filter(device_id=pdu.id))
    assert [o.name for o in outlets] == ["Outlet1", "Outlet2", "Outlet3", "Outlet4"]
    for o in outlets:
        d = dict(o)
        assert d["power_port"]["id"] == inlet.id
        assert set(d["power_port"]) == {"id", "url", "display", "device", "name", "description", "cable", "_occupied"}
        assert d["feed_leg"] == {"value": "A", "label": "A"}
        assert d["status"] == {"value": "enabled", "label": "Enabled"}
    d = dict(nb.dcim.devices.get(pdu.id))
    assert d["power_port_count"] == 1 and d["power_outlet_count"] == 4 and d["interface_count"] == 0


def test_brief_device_and_interface_lists(http, dcim_net):
    n = dcim_net
    r = http.get("/api/dcim/devices/", params={"site_id": n.site_a.id, "brief": 1}).json()
    assert r["count"] == 2
    assert [set(d) for d in r["results"]] == [BRIEF_DEVICE_KEYS] * 2
    # devices are ordered by name
    assert [d["name"] for d in r["results"]] == sorted([n.pp_a.name, n.sw_a.name])
    r = http.get("/api/dcim/interfaces/", params={"device_id": n.sw_a.id, "brief": 1}).json()
    assert r["count"] == 13
    assert all(set(i) == BRIEF_INTERFACE_KEYS for i in r["results"])
    first = r["results"][0]
    assert first["name"] == "Gi1/0/1" and first["_occupied"] is True
    assert set(first["cable"]) == {"id", "url", "display", "label", "description"}
    assert first["device"] == {"id": n.sw_a.id, "url": n.sw_a.url, "display": n.sw_a.name, "name": n.sw_a.name,
                               "description": ""}


def test_device_display_with_asset_tag(nb, make_device, uid, dcim_net):
    dev = make_device(asset_tag=f"AT-{uid}")
    assert dev.display == f"{dev.name} (AT-{uid})"
    # unnamed devices display as "<manufacturer> <model> (<id>)"
    anon = make_device(name=None)
    assert anon.name is None
    assert anon.display == f"{dcim_net.manufacturer.name} {dcim_net.sw_type.model} ({anon.id})"


# ---------------------------------------------------------------- natural ordering


def test_interface_names_sort_naturally(nb, http, make_device, dcim_net):
    dev = make_device(device_type=dcim_net.pp_type.id)  # no interfaces of its own
    names = ["et-0/0/10", "Gi1/0/10", "et-0/0/2", "Gi1/0/9", "et-0/0/1", "Gi1/0/1", "xe-0/0/0.100", "xe-0/0/0",
             "Gi1/0/2", "lo0", "et-0/1/0", "Gi1/1/1", "et-0/0/0", "eth10", "eth2", "Ethernet1/10", "Ethernet1/2",
             "ge-0/0/0:1", "ge-0/0/0:0", "Po1", "Vlan100", "Vlan20", "et-1/0/0", "et-0/0/0.1", "et-0/0/0.10",
             "et-0/0/0.2"]
    created = nb.dcim.interfaces.create([{"device": dev.id, "name": nm, "type": "virtual"} for nm in names])
    assert len(created) == len(names)
    got = [i.name for i in nb.dcim.interfaces.filter(device_id=dev.id)]
    pos = {nm: got.index(nm) for nm in names}
    assert pos["Gi1/0/9"] < pos["Gi1/0/10"]
    assert pos["et-0/0/2"] < pos["et-0/0/10"]
    # The default order is NetBox's naturalize_interface(): slot/subslot/position/subposition first (missing
    # parts last), then the type prefix, then id, channel (":N") and subinterface (".N"), then the rest.
    # So the numbering outranks the prefix: xe-0/0/0 sorts before et-0/1/0, and Gi1/0/1 after et-0/1/0.
    assert got == [
        "et-0/0/0", "et-0/0/0.1", "et-0/0/0.2", "et-0/0/0.10", "et-0/0/1", "et-0/0/2", "et-0/0/10",
        "ge-0/0/0:0", "ge-0/0/0:1", "xe-0/0/0", "xe-0/0/0.100", "et-0/1/0", "Gi1/0/1", "Gi1/0/2", "Gi1/0/9",
        "Gi1/0/10", "et-1/0/0", "Gi1/1/1", "Ethernet1/2", "Ethernet1/10", "Po1", "Vlan20", "Vlan100", "eth2",
        "eth10", "lo0",
    ]
    # ?ordering=name is a different order: the name column's natural collation (ICU und-u-kn-true:
    # digits compare as numbers, letters case-insensitively first)
    r = http.get("/api/dcim/interfaces/", params={"device_id": dev.id, "ordering": "name", "brief": 1}).json()
    by_name_order = [i["name"] for i in r["results"]]
    assert by_name_order == [
        "et-0/0/0", "et-0/0/0.1", "et-0/0/0.2", "et-0/0/0.10", "et-0/0/1", "et-0/0/2", "et-0/0/10", "et-0/1/0",
        "et-1/0/0", "eth2", "eth10", "Ethernet1/2", "Ethernet1/10", "ge-0/0/0:0", "ge-0/0/0:1", "Gi1/0/1",
        "Gi1/0/2", "Gi1/0/9", "Gi1/0/10", "Gi1/1/1", "lo0", "Po1", "Vlan20", "Vlan100", "xe-0/0/0",
        "xe-0/0/0.100",
    ]
    r = http.get("/api/dcim/interfaces/", params={"device_id": dev.id, "ordering": "-name", "brief": 1}).json()
    assert [i["name"] for i in r["results"]] == list(reversed(by_name_order))


# ---------------------------------------------------------------- filters


def test_device_and_interface_filters(nb, dcim_net):
    n = dcim_net
    assert ids(nb.dcim.devices.filter(site_id=n.site_a.id)) == sorted([n.sw_a.id, n.pp_a.id])
    assert ids(nb.dcim.devices.filter(site=n.site_b.slug)) == sorted([n.sw_b.id, n.pp_b.id])
    assert ids(nb.dcim.devices.filter(role=n.role.slug)) == sorted([n.sw_a.id, n.sw_b.id])
    assert ids(nb.dcim.devices.filter(role_id=n.patch_role.id)) == sorted([n.pp_a.id, n.pp_b.id])
    assert ids(nb.dcim.devices.filter(site_id=n.site_a.id, role_id=n.role.id)) == [n.sw_a.id]
    assert ids(nb.dcim.devices.filter(rack_id=n.rack_b.id)) == sorted([n.sw_b.id, n.pp_b.id])
    assert ids(nb.dcim.devices.filter(rack_id=n.rack_b.id, role=n.role.slug)) == [n.sw_b.id]
    assert ids(nb.dcim.devices.filter(location_id=n.hall.id)) == sorted([n.sw_a.id, n.pp_a.id])
    assert ids(nb.dcim.devices.filter(region_id=n.region.id, role_id=n.role.id)) == sorted([n.sw_a.id, n.sw_b.id])
    assert ids(nb.dcim.devices.filter(device_type_id=n.pp_type.id)) == sorted([n.pp_a.id, n.pp_b.id])
    assert ids(nb.dcim.devices.filter(manufacturer=n.manufacturer.slug, role_id=n.role.id)) == sorted(
        [n.sw_a.id, n.sw_b.id])
    assert ids(nb.dcim.devices.filter(platform_id=n.platform.id)) == [n.sw_a.id]
    assert ids(nb.dcim.devices.filter(name=n.sw_a.name)) == [n.sw_a.id]
    assert ids(nb.dcim.devices.filter(site_id=[n.site_a.id, n.site_b.id], role_id=n.role.id)) == sorted(
        [n.sw_a.id, n.sw_b.id])
    assert nb.dcim.devices.count(site_id=n.site_a.id) == 2
    # interfaces by device
    assert nb.dcim.interfaces.count(device_id=n.sw_a.id) == 13
    assert nb.dcim.interfaces.count(device_id=[n.sw_a.id, n.sw_b.id]) == 26
    assert nb.dcim.interfaces.count(device=n.sw_b.name) == 13
    assert [i.name for i in nb.dcim.interfaces.filter(device_id=n.sw_a.id, mgmt_only=True)] == ["mgmt0"]
    assert [i.name for i in nb.dcim.interfaces.filter(device_id=n.sw_a.id, cabled=True)] == ["Gi1/0/1"]
    assert nb.dcim.interfaces.count(device_id=n.sw_a.id, cabled=False) == 12
    assert [i.name for i in nb.dcim.interfaces.filter(device_id=n.sw_a.id, connected=True)] == ["Gi1/0/1"]
    assert nb.dcim.interfaces.count(device_id=n.sw_a.id, name=["Gi1/0/9", "Gi1/0/10"]) == 2
    assert nb.dcim.front_ports.count(device_id=n.pp_a.id, cabled=True) == 1
    assert ids(nb.dcim.cables.filter(device_id=n.sw_a.id)) == [n.cable1.id]
    assert ids(nb.dcim.cables.filter(site_id=n.site_b.id)) == sorted([n.trunk.id, n.cable3.id])


# ---------------------------------------------------------------- modules


def test_module_installation_substitutes_position(nb, http, cleanup, make_device, dcim_net):
    dev = make_device()
    bays = by_name(nb.dcim.module_bays.filter(device_id=dev.id))
    mod = cleanup.add(nb.dcim.modules.create(device=dev.id, module_bay=bays["Slot 2"].id,
                                             module_type=dcim_net.module_type.id, serial="MOD-1"))
    d = http.get(f"/api/dcim/modules/{mod.id}/").json()
    assert set(d) == MODULE_KEYS
    assert d["display"] == f"Slot 2: {dcim_net.module_type.model} ({mod.id})"
    assert d["status"] == {"value": "active", "label": "Active"} and d["is_bay_compatible"] is True
    assert d["module_bay"] == {"id": bays["Slot 2"].id, "url": bays["Slot 2"].url,
                               "display_url": f"{http.base}/dcim/module-bays/{bays['Slot 2'].id}/",
                               "display": "Slot 2", "name": "Slot 2"}
    assert set(d["module_type"]) == {"id", "url", "display", "profile", "manufacturer", "model", "description",
                                     "module_count"}
    # {module} became the bay position: Te{module}/0/N -> Te2/0/N, attached to the module
    mifs = list(nb.dcim.interfaces.filter(module_id=mod.id))
    assert [i.name for i in mifs] == ["Te2/0/1", "Te2/0/2", "Te2/0/3", "Te2/0/4"]
    assert all(i.device.id == dev.id and i.module.id == mod.id for i in mifs)
    assert set(dict(mifs[0])["module"]) == {"id", "url", "display", "device", "module_bay"}
    # the device's interfaces: module interfaces sort naturally among the others (mgmt0 has no slot: last)
    names = [i.name for i in nb.dcim.interfaces.filter(device_id=dev.id)]
    assert names == SW_PORTS + ["Te2/0/1", "Te2/0/2", "Te2/0/3", "Te2/0/4", "mgmt0"]
    assert nb.dcim.devices.get(dev.id).interface_count == 17
    bay = http.get(f"/api/dcim/module-bays/{bays['Slot 2'].id}/").json()
    assert set(bay) == MODULE_BAY_KEYS
    assert bay["_occupied"] is True and bay["module"] is None
    assert bay["installed_module"] == {"id": mod.id, "url": mod.url, "display": d["display"], "serial": "MOD-1",
                                       "description": ""}
    empty = http.get(f"/api/dcim/module-bays/{bays['Slot 1'].id}/").json()
    assert empty["_occupied"] is False and empty["installed_module"] is None
    # a second module in the same bay is refused
    r = http.post("/api/dcim/modules/", json={"device": dev.id, "module_bay": bays["Slot 2"].id,
                                              "module_type": dcim_net.module_type.id})
    assert r.status_code == 400
    # another bay, another position
    mod1 = cleanup.add(nb.dcim.modules.create(device=dev.id, module_bay=bays["Slot 1"].id,
                                              module_type=dcim_net.module_type.id))
    assert [i.name for i in nb.dcim.interfaces.filter(module_id=mod1.id)] == [f"Te1/0/{i}" for i in range(1, 5)]
    # removing a module removes its components
    assert mod.delete() is True
    assert nb.dcim.interfaces.count(device_id=dev.id, name__isw="Te2/") == 0
    # filtering by the id of an object that does not exist is a 400, not an empty list
    r = http.get("/api/dcim/interfaces/", params={"module_id": mod.id})
    assert r.status_code == 400
    assert r.json() == {"module_id": [f"Select a valid choice. {mod.id} is not one of the available choices."]}
    assert nb.dcim.devices.get(dev.id).interface_count == 17
    assert http.get(f"/api/dcim/module-bays/{bays['Slot 2'].id}/").json()["_occupied"] is False


# ---------------------------------------------------------------- rack elevation


def test_rack_elevation_json(nb, http, dcim_net):
    n = dcim_net
    r = http.get(f"/api/dcim/racks/{n.rack_a.id}/elevation/")
    assert r.status_code == 200
    page = r.json()
    # half-unit granularity: two entries per U, top down for an ascending rack; paginated (50 by default)
    assert page["count"] == 84
    assert page["previous"] is None
    assert page["next"].endswith(f"/api/dcim/racks/{n.rack_a.id}/elevation/?limit=50&offset=50")
    units = page["results"]
    assert len(units) == 50
    assert all(set(u) == RACK_UNIT_KEYS for u in units)
    assert [u["id"] for u in units[:4]] == [42.5, 42.0, 41.5, 41.0]
    assert units[0]["name"] == "U42.5" and units[1]["name"] == "U42" and units[1]["display"] == "U42"
    assert units[0]["face"] == {"value": "front", "label": "Front"}
    u40 = next(u for u in units if u["id"] == 40.0)
    assert u40["occupied"] is True
    assert u40["device"] == {"id": n.pp_a.id, "url": n.pp_a.url, "display": n.pp_a.name, "name": n.pp_a.name,
                             "description": ""}
    assert u40["description"] == n.pp_a.name
    free = next(u for u in units if u["id"] == 39.0)
    assert free == {"id": 39.0, "name": "U39", "face": {"value": "front", "label": "Front"}, "device": None,
                    "occupied": False, "display": "U39", "description": None}
    # the rest of the units with offset; the 1U switch at U10 covers U10 and U10.5
    rest = http.get(f"/api/dcim/racks/{n.rack_a.id}/elevation/", params={"offset": 50, "limit": 50}).json()
    assert len(rest["results"]) == 34 and rest["next"] is None
    occ = {u["id"]: u["device"]["id"] for u in page["results"] + rest["results"] if u["occupied"]}
    assert occ == {40.5: n.pp_a.id, 40.0: n.pp_a.id, 10.5: n.sw_a.id, 10.0: n.sw_a.id}
    # rear face: a full-depth device occupies the rear too, a half-depth one does not
    rear = http.get(f"/api/dcim/racks/{n.rack_a.id}/elevation/", params={"face": "rear", "limit": 100}).json()
    assert rear["count"] == 84
    rocc = {u["id"] for u in rear["results"] if u["occupied"]}
    assert {10.0, 10.5} <= rocc
    assert rear["results"][0]["face"] == {"value": "rear", "label": "Rear"}
    # descending rack: U1 first
    desc = http.get(f"/api/dcim/racks/{n.rack_b.id}/elevation/", params={"limit": 3}).json()
    assert [u["id"] for u in desc["results"]] == [1.0, 1.5, 2.0]
    assert desc["count"] == 48
    # through pynetbox: Racks.elevation.list() gives RU records
    rus = list(nb.dcim.racks.get(n.rack_a.id).elevation.list())
    assert len(rus) == 84
    assert [u.name for u in rus if u.occupied][:2] == ["U40.5", "U40"]


def test_rack_elevation_svg(nb, http, dcim_net):
    n = dcim_net
    r = http.get(f"/api/dcim/racks/{n.rack_a.id}/elevation/", params={"render": "svg"})
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("image/svg+xml")
    body = r.text
    assert body.startswith("<svg") and body.rstrip().endswith("</svg>")
    assert 'xmlns="http://www.w3.org/2000/svg"' in body
    # each device is drawn with its name and a link to it
    assert n.sw_a.name in body and n.pp_a.name in body
    assert f"/dcim/devices/{n.sw_a.id}/" in body
    # unit numbers along the side
    assert ">42</text>" in body and ">1</text>" in body
    svg = nb.dcim.racks.get(n.rack_a.id).elevation.list(render="svg")
    assert isinstance(svg, str) and svg.startswith("<svg")
    # unknown render value
    r = http.get(f"/api/dcim/racks/{n.rack_a.id}/elevation/", params={"render": "png"})
    assert r.status_code == 400
