"""The IPAM links of DCIM: IP addresses on interfaces, primary IPv4/IPv6 and OOB IPs with their rules, MAC
addresses and primary_mac_address, interface modes with untagged/tagged VLANs."""

import pynetbox
import pytest

from dcim_fixtures import by_name

MAC_KEYS = {
    "id", "url", "display_url", "display", "mac_address", "assigned_object_type", "assigned_object_id",
    "assigned_object", "is_primary", "description", "owner", "comments", "tags", "custom_fields", "created",
    "last_updated",
}
IP_KEYS = {
    "id", "url", "display_url", "display", "family", "address", "vrf", "tenant", "status", "role",
    "assigned_object_type", "assigned_object_id", "assigned_object", "nat_inside", "nat_outside", "dns_name",
    "description", "owner", "comments", "tags", "custom_fields", "created", "last_updated",
}
NESTED_IP_KEYS = {"id", "url", "display", "family", "address", "nat_inside", "nat_outside", "dns_name", "description"}
BRIEF_INTERFACE_KEYS = {"id", "url", "display", "device", "name", "description", "cable", "_occupied"}


@pytest.fixture
def dev_ifs(nb, make_device):
    """Two fresh switches and their interfaces by name."""
    a, b = make_device(), make_device()
    return a, b, by_name(nb.dcim.interfaces.filter(device_id=a.id)), by_name(nb.dcim.interfaces.filter(device_id=b.id))


def test_ip_assigned_to_interface(nb, http, cleanup, vrf, dev_ifs):
    a, _, ia, _ = dev_ifs
    ip = cleanup.add(nb.ipam.ip_addresses.create(address="10.77.0.5/24", vrf=vrf.id,
                                                 assigned_object_type="dcim.interface",
                                                 assigned_object_id=ia["mgmt0"].id))
    d = http.get(f"/api/ipam/ip-addresses/{ip.id}/").json()
    assert set(d) == IP_KEYS
    assert d["assigned_object_type"] == "dcim.interface" and d["assigned_object_id"] == ia["mgmt0"].id
    assert set(d["assigned_object"]) == BRIEF_INTERFACE_KEYS
    assert d["assigned_object"]["name"] == "mgmt0"
    assert d["assigned_object"]["device"] == {"id": a.id, "url": a.url, "display": a.name, "name": a.name,
                                              "description": ""}
    # pynetbox exposes assigned_object as a (generic) record
    rec = nb.ipam.ip_addresses.get(ip.id)
    assert rec.assigned_object.name == "mgmt0" and rec.assigned_object.device.id == a.id
    # the interface counts it; filters both ways
    assert nb.dcim.interfaces.get(ia["mgmt0"].id).count_ipaddresses == 1
    assert [x.id for x in nb.ipam.ip_addresses.filter(interface_id=ia["mgmt0"].id)] == [ip.id]
    assert [x.id for x in nb.ipam.ip_addresses.filter(device_id=a.id)] == [ip.id]
    assert [x.id for x in nb.ipam.ip_addresses.filter(device=a.name)] == [ip.id]
    assert nb.ipam.ip_addresses.count(assigned_to_interface=True, vrf_id=vrf.id) == 1
    # an assignment needs both halves
    r = http.post("/api/ipam/ip-addresses/", json={"address": "10.77.0.6/24", "vrf": vrf.id,
                                                   "assigned_object_type": "dcim.interface"})
    assert r.status_code == 400


def test_primary_ips(nb, http, cleanup, vrf, dev_ifs):
    a, b, ia, ib = dev_ifs
    mk = lambda addr, iface=None: cleanup.add(nb.ipam.ip_addresses.create(
        address=addr, vrf=vrf.id, **({"assigned_object_type": "dcim.interface", "assigned_object_id": iface.id}
                                     if iface else {})))
    ip4, ip6 = mk("10.78.0.5/24", ia["mgmt0"]), mk("fd00:78::5/64", ia["mgmt0"])
    loose, other = mk("10.78.0.6/24"), mk("10.78.0.7/24", ib["mgmt0"])
    # an IP that is not on one of the device's interfaces is refused
    r = http.patch(f"/api/dcim/devices/{a.id}/", json={"primary_ip4": other.id})
    assert r.status_code == 400
    assert r.json() == {"primary_ip4": ["The specified IP address (10.78.0.7/24) is not assigned to this device."]}
    r = http.patch(f"/api/dcim/devices/{a.id}/", json={"primary_ip4": loose.id})
    assert r.json() == {"primary_ip4": ["The specified IP address (10.78.0.6/24) is not assigned to this device."]}
    r = http.patch(f"/api/dcim/devices/{a.id}/", json={"primary_ip4": ip6.id})
    assert r.status_code == 400
    assert r.json() == {"primary_ip4": ["fd00:78::5/64 is not an IPv4 address."]}
    r = http.patch(f"/api/dcim/devices/{a.id}/", json={"primary_ip6": ip4.id})
    assert r.json() == {"primary_ip6": ["10.78.0.5/24 is not an IPv6 address."]}
    # set through pynetbox
    dev = nb.dcim.devices.get(a.id)
    dev.primary_ip4 = ip4.id
    dev.primary_ip6 = ip6.id
    dev.oob_ip = ip4.id
    assert dev.save() is True
    d = http.get(f"/api/dcim/devices/{a.id}/").json()
    assert set(d["primary_ip4"]) == NESTED_IP_KEYS
    assert d["primary_ip4"]["id"] == ip4.id and d["primary_ip6"]["id"] == ip6.id and d["oob_ip"]["id"] == ip4.id
    assert d["primary_ip4"]["family"] == {"value": 4, "label": "IPv4"} and d["primary_ip4"]["nat_outside"] == []
    # primary_ip is the IPv6 one when both are set (PREFER_IPV4 is off by default)
    assert d["primary_ip"]["id"] == ip6.id
    rec = nb.dcim.devices.get(a.id)
    assert rec.primary_ip.address == "fd00:78::5/64" and rec.primary_ip4.address == "10.78.0.5/24"
    # filters
    assert a.id in [x.id for x in nb.dcim.devices.filter(has_primary_ip=True, site_id=a.site.id)]
    assert a.id not in [x.id for x in nb.dcim.devices.filter(has_primary_ip=False, site_id=a.site.id)]
    # clearing rules: a primary IP cannot be unassigned or moved to another device ...
    for body in ({"assigned_object_type": None, "assigned_object_id": None},
                 {"assigned_object_type": "dcim.interface", "assigned_object_id": ib["Gi1/0/2"].id}):
        r = http.patch(f"/api/ipam/ip-addresses/{ip4.id}/", json=body)
        assert r.status_code == 400
        assert r.json() == {"__all__": [
            "Cannot reassign IP address while it is designated as the primary IP for the parent object"]}
    # ... but may move to another interface of the same device
    r = http.patch(f"/api/ipam/ip-addresses/{ip4.id}/", json={"assigned_object_type": "dcim.interface",
                                                             "assigned_object_id": ia["Gi1/0/2"].id})
    assert r.status_code == 200
    assert http.get(f"/api/dcim/devices/{a.id}/").json()["primary_ip4"]["id"] == ip4.id
    # deleting the IP clears the device's reference; primary_ip falls back to the other family
    assert ip6.delete() is True
    d = http.get(f"/api/dcim/devices/{a.id}/").json()
    assert d["primary_ip6"] is None and d["primary_ip"]["id"] == ip4.id
    # clearing primary_ip4 releases the IP
    r = http.patch(f"/api/dcim/devices/{a.id}/", json={"primary_ip4": None, "oob_ip": None})
    assert r.status_code == 200 and r.json()["primary_ip"] is None
    r = http.patch(f"/api/ipam/ip-addresses/{ip4.id}/", json={"assigned_object_type": None,
                                                             "assigned_object_id": None})
    assert r.status_code == 200 and r.json()["assigned_object"] is None


def test_deleting_interface_deletes_its_ips_and_clears_primary(nb, http, cleanup, vrf, dev_ifs):
    a, _, ia, _ = dev_ifs
    ip = cleanup.add(nb.ipam.ip_addresses.create(address="10.79.0.5/24", vrf=vrf.id,
                                                 assigned_object_type="dcim.interface",
                                                 assigned_object_id=ia["Gi1/0/12"].id))
    assert http.patch(f"/api/dcim/devices/{a.id}/", json={"primary_ip4": ip.id}).status_code == 200
    assert http.delete(f"/api/dcim/interfaces/{ia['Gi1/0/12'].id}/").status_code == 204
    assert http.get(f"/api/ipam/ip-addresses/{ip.id}/").status_code == 404
    d = http.get(f"/api/dcim/devices/{a.id}/").json()
    assert d["primary_ip4"] is None and d["primary_ip"] is None and d["interface_count"] == 12


def test_mac_addresses_and_primary_mac(nb, http, cleanup, dev_ifs):
    a, b, ia, ib = dev_ifs
    eth = ia["Gi1/0/4"]
    mk = lambda mac, iface: cleanup.add(nb.dcim.mac_addresses.create(
        mac_address=mac, assigned_object_type="dcim.interface", assigned_object_id=iface.id))
    m1 = mk("02:00:5e:10:00:01", eth)
    m2 = mk("02-00-5E-10-00-02", eth)       # any common notation, stored upper-case with colons
    m3 = mk("0200.5e10.0003", ib["Gi1/0/4"])
    assert (m1.mac_address, m2.mac_address, m3.mac_address) == (
        "02:00:5E:10:00:01", "02:00:5E:10:00:02", "02:00:5E:10:00:03")
    d = http.get(f"/api/dcim/mac-addresses/{m1.id}/").json()
    assert set(d) == MAC_KEYS
    assert d["display"] == "02:00:5E:10:00:01" and d["is_primary"] is False
    assert d["assigned_object_type"] == "dcim.interface" and set(d["assigned_object"]) == BRIEF_INTERFACE_KEYS
    r = http.post("/api/dcim/mac-addresses/", json={"mac_address": "zz:zz"})
    assert r.status_code == 400 and r.json() == {"mac_address": ["Invalid MAC address format: zz:zz"]}
    # the interface lists its MACs; mac_address mirrors the primary one
    i = http.get(f"/api/dcim/interfaces/{eth.id}/").json()
    assert i["mac_address"] is None and i["primary_mac_address"] is None
    assert [m["id"] for m in i["mac_addresses"]] == [m1.id, m2.id]
    assert set(i["mac_addresses"][0]) == {"id", "url", "display", "mac_address", "description"}
    # primary: only a MAC assigned to this interface
    r = http.patch(f"/api/dcim/interfaces/{eth.id}/", json={"primary_mac_address": m3.id})
    assert r.status_code == 400
    assert r.json() == {"__all__": [f"MAC address 02:00:5E:10:00:03 is assigned to a different interface (Gi1/0/4)."]}
    intf = nb.dcim.interfaces.get(eth.id)
    intf.primary_mac_address = m2.id
    assert intf.save() is True
    i = http.get(f"/api/dcim/interfaces/{eth.id}/").json()
    assert i["mac_address"] == "02:00:5E:10:00:02"
    assert i["primary_mac_address"] == {"id": m2.id, "url": m2.url, "display": "02:00:5E:10:00:02",
                                        "mac_address": "02:00:5E:10:00:02", "description": ""}
    assert http.get(f"/api/dcim/mac-addresses/{m2.id}/").json()["is_primary"] is True
    assert http.get(f"/api/dcim/mac-addresses/{m1.id}/").json()["is_primary"] is False
    # filters
    assert [x.id for x in nb.dcim.mac_addresses.filter(interface_id=eth.id)] == [m1.id, m2.id]
    assert [x.id for x in nb.dcim.mac_addresses.filter(device_id=b.id)] == [m3.id]
    assert [x.id for x in nb.dcim.interfaces.filter(mac_address="02:00:5E:10:00:01")] == [eth.id]
    # a primary MAC cannot be moved or unassigned ...
    r = http.patch(f"/api/dcim/mac-addresses/{m2.id}/", json={"assigned_object_id": ia["Gi1/0/5"].id})
    assert r.status_code == 400
    assert r.json() == {"__all__": ["Cannot reassign MAC Address while it is designated as the primary MAC for an object"]}
    r = http.patch(f"/api/dcim/mac-addresses/{m2.id}/", json={"assigned_object_type": None, "assigned_object_id": None})
    assert r.json() == {"__all__": ["Cannot unassign MAC Address while it is designated as the primary MAC for an object"]}
    # ... but deleting it clears the interface's primary
    assert m2.delete() is True
    i = http.get(f"/api/dcim/interfaces/{eth.id}/").json()
    assert i["primary_mac_address"] is None and i["mac_address"] is None
    assert [m["id"] for m in i["mac_addresses"]] == [m1.id]
    # writing mac_address on an interface creates a MAC address object and makes it primary
    r = http.patch(f"/api/dcim/interfaces/{eth.id}/", json={"mac_address": "02:00:5e:10:00:99"})
    assert r.status_code == 200
    i = r.json()
    assert i["mac_address"] == "02:00:5E:10:00:99"
    new_id = i["primary_mac_address"]["id"]
    cleanup.add(nb.dcim.mac_addresses.get(new_id))
    assert new_id not in (m1.id, m2.id, m3.id)
    assert sorted(m["id"] for m in i["mac_addresses"]) == sorted([m1.id, new_id])
    # unassigned MACs exist too
    loose = cleanup.add(nb.dcim.mac_addresses.create(mac_address="02:00:5e:10:00:05"))
    assert loose.assigned_object is None and loose.assigned_object_type is None and loose.is_primary is False


def test_interface_modes_and_vlans(nb, http, cleanup, dev_ifs, dcim_net, uid):
    a, _, ia, _ = dev_ifs
    site = dcim_net.site_a
    mk = lambda vid, **kw: cleanup.add(nb.ipam.vlans.create(vid=vid, name=f"e2e-{uid}-{vid}", **kw))
    v10, v20, v30 = mk(10, site=site.id), mk(20, site=site.id), mk(30)      # v30 is global
    far = mk(40, site=dcim_net.site_b.id)
    eth = ia["Gi1/0/3"]
    url = f"/api/dcim/interfaces/{eth.id}/"

    def patch(body):
        return http.patch(url, json=body)

    def state(d):
        return (d["mode"] and d["mode"]["value"], d["untagged_vlan"] and d["untagged_vlan"]["id"],
                [v["id"] for v in d["tagged_vlans"]])

    # no mode: no VLANs
    r = patch({"untagged_vlan": v10.id})
    assert r.status_code == 400 and r.json() == {"untagged_vlan": ["Interface mode does not support untagged vlan"]}
    r = patch({"tagged_vlans": [v10.id]})
    assert r.status_code == 400 and r.json() == {"tagged_vlans": ["Interface mode does not support tagged vlans"]}
    # access: untagged only
    r = patch({"mode": "access", "untagged_vlan": v10.id, "tagged_vlans": [v20.id]})
    assert r.json() == {"tagged_vlans": ["Interface mode does not support tagged vlans"]}
    r = patch({"mode": "access", "untagged_vlan": v10.id})
    assert r.status_code == 200 and state(r.json()) == ("access", v10.id, [])
    assert r.json()["mode"] == {"value": "access", "label": "Access"}
    assert r.json()["untagged_vlan"] == {"id": v10.id, "url": v10.url, "display": f"{v10.name} (10)", "vid": 10,
                                         "name": v10.name, "description": ""}
    # tagged: untagged + tagged, VLANs of the device's site or global
    r = patch({"mode": "tagged", "tagged_vlans": [v20.id, v30.id]})
    assert r.status_code == 200 and state(r.json()) == ("tagged", v10.id, [v20.id, v30.id])
    r = patch({"untagged_vlan": far.id})
    assert r.status_code == 400
    assert r.json() == {"untagged_vlan": [f"The untagged VLAN ({far.name} (40)) must belong to the same site as the "
                                          "interface's parent device, or it must be global."]}
    r = patch({"tagged_vlans": [far.id]})
    assert r.json() == {"tagged_vlans": [f"VLAN {far.name} (40) must belong to the same site as the interface's "
                                         "parent device, or it must be global."]}
    # tagged-all: the tagged list has to be emptied in the same request
    r = patch({"mode": "tagged-all"})
    assert r.status_code == 400 and r.json() == {"tagged_vlans": ["Interface mode does not support tagged vlans"]}
    r = patch({"mode": "tagged-all", "tagged_vlans": []})
    assert r.status_code == 200 and state(r.json()) == ("tagged-all", v10.id, [])
    # back to no mode: VLANs have to go explicitly as well
    r = patch({"mode": None})
    assert r.json() == {"untagged_vlan": ["Interface mode does not support untagged vlan"]}
    r = patch({"mode": None, "untagged_vlan": None})
    assert r.status_code == 200 and state(r.json()) == (None, None, [])
    # "" is the same as null for mode
    assert patch({"mode": ""}).json()["mode"] is None
    # created in one go through pynetbox
    sub = cleanup.add(nb.dcim.interfaces.create(device=a.id, name="Gi1/0/3.100", type="virtual", parent=eth.id,
                                                mode="tagged", untagged_vlan=v10.id, tagged_vlans=[v10.id, v20.id]))
    assert sub.mode.value == "tagged" and sub.untagged_vlan.vid == 10
    assert sorted(v.vid for v in sub.tagged_vlans) == [10, 20]
    assert sub.parent.id == eth.id
    assert [x.id for x in nb.dcim.interfaces.filter(vlan_id=v20.id)] == [sub.id]
    assert [x.id for x in nb.dcim.interfaces.filter(device_id=a.id, mode="tagged")] == [sub.id]
