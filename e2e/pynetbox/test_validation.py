"""Validation errors: status codes and exact bodies."""

import pynetbox
import pytest


def test_invalid_prefix(http, nb):
    r = http.post("/api/ipam/prefixes/", json={"prefix": "10.0.0.300/24"})
    assert r.status_code == 400
    assert r.json() == {"prefix": ["Invalid IP prefix format: 10.0.0.300/24"]}
    r = http.post("/api/ipam/ip-addresses/", json={"address": "bogus"})
    assert r.status_code == 400
    assert r.json() == {"address": ["Invalid IP address format: bogus"]}
    with pytest.raises(pynetbox.RequestError) as ei:
        nb.ipam.prefixes.create(prefix="garbage")
    assert ei.value.req.status_code == 400
    assert "prefix" in ei.value.req.json()


def test_unknown_choice(http, vrf):
    r = http.post("/api/ipam/prefixes/", json={"prefix": "10.1.2.0/24", "vrf": vrf.id, "status": "bogus"})
    assert r.status_code == 400
    assert r.json() == {"status": ["bogus is not a valid choice."]}


def test_captured_invalid_prefix_example(http):
    """Same request as examples/error-400-invalid-prefix.json."""
    r = http.post("/api/ipam/prefixes/", json={"prefix": "not-a-prefix", "status": "bogus"})
    assert r.status_code == 400
    body = r.json()
    assert body == {"prefix": ["Invalid IP prefix format: not-a-prefix"], "status": ["bogus is not a valid choice."]}


def test_missing_required_field(http):
    r = http.post("/api/ipam/prefixes/", json={})
    assert r.status_code == 400
    assert r.json() == {"prefix": ["This field is required."]}
    r = http.post("/api/tenancy/tenants/", json={"name": "x"})
    assert r.status_code == 400
    assert r.json() == {"slug": ["This field is required."]}


def test_duplicate_prefix_in_enforce_unique_vrf(nb, http, cleanup, make_vrf, net4):
    v = make_vrf(enforce_unique=True)
    pfx = str(list(net4.subnets(new_prefix=24))[0])
    cleanup.add(nb.ipam.prefixes.create(prefix=pfx, vrf=v.id))
    r = http.post("/api/ipam/prefixes/", json={"prefix": pfx, "vrf": v.id})
    assert r.status_code == 400
    assert r.json() == {"prefix": [f"Duplicate prefix found in VRF {v.name}: {pfx}"]}
    # without enforce_unique duplicates are allowed
    v2 = make_vrf(enforce_unique=False)
    cleanup.add(nb.ipam.prefixes.create(prefix=pfx, vrf=v2.id))
    dup = cleanup.add(nb.ipam.prefixes.create(prefix=pfx, vrf=v2.id))
    assert dup.prefix == pfx


def test_duplicate_ip_in_enforce_unique_vrf(nb, http, cleanup, vrf, net4):
    addr = f"{net4[77]}/24"
    cleanup.add(nb.ipam.ip_addresses.create(address=addr, vrf=vrf.id))
    r = http.post("/api/ipam/ip-addresses/", json={"address": f"{net4[77]}/25", "vrf": vrf.id})
    assert r.status_code == 400
    assert r.json() == {"address": [f"Duplicate IP address found in VRF {vrf.name}: {addr}"]}


def test_duplicate_slug(http, make_tenant, uid):
    t = make_tenant()
    # tenants are unique per group (also with no group): the error is a non-field __all__ error
    r = http.post("/api/tenancy/tenants/", json={"name": f"other-{uid}", "slug": t.slug})
    assert r.status_code == 400
    assert r.json() == {"__all__": ["Tenant slug must be unique per group."]}
    r = http.post("/api/tenancy/tenants/", json={"name": t.name, "slug": f"other-{uid}"})
    assert r.status_code == 400
    assert r.json() == {"__all__": ["Tenant name must be unique per group."]}
    r = http.post("/api/tenancy/tenants/", json={"name": t.name, "slug": t.slug})
    assert r.status_code == 400
    assert r.json() == {"__all__": ["Tenant name must be unique per group.", "Tenant slug must be unique per group."]}


def test_invalid_slug(http, uid):
    r = http.post("/api/tenancy/tenants/", json={"name": f"e2e-{uid}", "slug": "has space"})
    assert r.status_code == 400
    assert r.json() == {"slug": ['Enter a valid "slug" consisting of letters, numbers, underscores or hyphens.']}


def test_vlan_vid_out_of_range(http, uid):
    r = http.post("/api/ipam/vlans/", json={"vid": 5000, "name": f"e2e-{uid}"})
    assert r.status_code == 400
    assert r.json() == {"vid": ["Ensure this value is less than or equal to 4094."]}
    r = http.post("/api/ipam/vlans/", json={"vid": 0, "name": f"e2e-{uid}"})
    assert r.status_code == 400
    assert r.json() == {"vid": ["Ensure this value is greater than or equal to 1."]}


def test_vlan_outside_group_ranges(http, nb, cleanup, uid):
    g = cleanup.add(nb.ipam.vlan_groups.create(name=f"e2e-vg-{uid}", slug=f"e2e-vg-{uid}",
                                               vid_ranges=[[100, 199]]))
    r = http.post("/api/ipam/vlans/", json={"vid": 5, "name": f"e2e-{uid}", "group": g.id})
    assert r.status_code == 400
    assert r.json() == {"vid": ["VID must be in ranges 100-199 for VLANs in group " + g.name]}


def test_ip_range_validation(http, vrf):
    r = http.post("/api/ipam/ip-ranges/", json={"start_address": "10.5.0.20/24", "end_address": "10.5.0.10/24",
                                                "vrf": vrf.id})
    assert r.status_code == 400
    assert r.json() == {"end_address": ["Ending address must be greater than or equal to the starting address "
                                        "(10.5.0.20/24)"]}
    r = http.post("/api/ipam/ip-ranges/", json={"start_address": "10.5.0.1/24", "end_address": "10.5.0.5/25",
                                                "vrf": vrf.id})
    assert r.status_code == 400
    assert r.json() == {"end_address": ["Starting and ending IP address masks must match"]}


def test_malformed_json(http):
    r = http.post("/api/tenancy/tenants/", data=b'{"name": "x",', headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    body = r.json()
    assert list(body) == ["detail"]
    # NetBox 4.7.3 says exactly (the tail is Python's json error text):
    #   "JSON parse error - Expecting property name enclosed in double quotes: line 1 column 14 (char 13)"
    assert body["detail"].startswith("JSON parse error - ")
    # an empty body is an empty object; JSON null is "no data"; an empty list is an empty bulk create
    required = {"name": ["This field is required."], "slug": ["This field is required."]}
    r = http.post("/api/tenancy/tenants/", data=b"", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.json() == required
    r = http.post("/api/tenancy/tenants/", data=b"{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.json() == required
    r = http.post("/api/tenancy/tenants/", data=b"null", headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    assert r.json() == {"__all__": ["No data provided"]}
    r = http.post("/api/tenancy/tenants/", data=b"[]", headers={"Content-Type": "application/json"})
    assert r.status_code == 201
    assert r.json() == []


def test_unsupported_media_type(http):
    r = http.post("/api/tenancy/tenants/", data=b"name=x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    assert r.json() == {"detail": 'Unsupported media type "text/plain" in request.'}


def test_not_found(http, nb):
    r = http.get("/api/ipam/prefixes/999999999/")
    assert r.status_code == 404
    assert r.json() == {"detail": "No Prefix matches the given query."}
    r = http.get("/api/tenancy/tenants/999999999/")
    assert r.status_code == 404
    assert r.json() == {"detail": "No Tenant matches the given query."}
    r = http.get("/api/ipam/ip-addresses/999999999/")
    assert r.json() == {"detail": "No IPAddress matches the given query."}
    r = http.patch("/api/ipam/vrfs/999999999/", json={"description": "x"})
    assert r.status_code == 404
    assert r.json() == {"detail": "No VRF matches the given query."}
    r = http.delete("/api/ipam/vlans/999999999/")
    assert r.status_code == 404
    assert r.json() == {"detail": "No VLAN matches the given query."}
    # pynetbox returns None for a missing id
    assert nb.ipam.prefixes.get(999999999) is None


def test_not_found_unknown_endpoint(http):
    r = http.get("/api/ipam/no-such-endpoint/")
    assert r.status_code == 404


def test_method_not_allowed(http, nb, cleanup, vrf, net4):
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net4), vrf=vrf.id))
    r = http.delete(f"/api/ipam/prefixes/{p.id}/available-ips/")
    assert r.status_code == 405
    assert r.json() == {"detail": 'Method "DELETE" not allowed.'}


def test_delete_protected_object(http, nb, cleanup, vrf, net4):
    rir = cleanup.add(nb.ipam.rirs.create(name=f"e2e-rir-{vrf.id}", slug=f"e2e-rir-{vrf.id}"))
    from helpers import random_v6_48
    agg = cleanup.add(nb.ipam.aggregates.create(prefix=str(random_v6_48()), rir=rir.id))
    r = http.delete(f"/api/ipam/rirs/{rir.id}/")
    assert r.status_code == 409
    body = r.json()
    assert body == {"detail": f"Unable to delete object. 1 dependent objects were found: {agg.prefix} ({agg.id})"}
    assert agg.id


def test_invalid_json_type(http):
    r = http.post("/api/tenancy/tenants/", json="just a string")
    assert r.status_code == 400
    assert r.json() == {"__all__": ["Invalid data. Expected a dictionary, but got str."]}
    # a list of non-objects is treated as a bulk create
    r = http.post("/api/tenancy/tenants/", json=[1])
    assert r.status_code == 400
    assert r.json() == {"detail": "1 of 1 objects could not be created.",
                        "errors": [{"index": 0, "errors": {"__all__": ["Invalid data. Expected a dictionary, but got int."]}}]}
