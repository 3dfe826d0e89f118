"""Representation details: choice fields, nested FKs, tags, custom_fields, urls, FK-by-attributes."""

import datetime

import pynetbox
import pytest

from helpers import ids


def parse_ts(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def test_prefix_full_shape(nb, http, cleanup, vrf, make_tenant, make_tag, net4):
    tenant = make_tenant()
    tag = make_tag(color="aa1409")
    pfx = str(list(net4.subnets(new_prefix=24))[1])
    p = cleanup.add(nb.ipam.prefixes.create(prefix=pfx, vrf=vrf.id, tenant=tenant.id, tags=[tag.id]))
    r = http.get(f"/api/ipam/prefixes/{p.id}/")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/json"
    d = r.json()
    assert set(d) == {
        "id", "url", "display_url", "display", "family", "prefix", "vrf", "scope_type", "scope_id", "scope",
        "tenant", "vlan", "status", "role", "is_pool", "mark_utilized", "description", "owner", "comments",
        "tags", "custom_fields", "created", "last_updated", "children", "_depth",
    }
    # choice fields are {value, label}; family value is an int
    assert d["status"] == {"value": "active", "label": "Active"}  # default status
    assert d["family"] == {"value": 4, "label": "IPv4"}
    # FKs are nested brief objects
    assert set(d["vrf"]) == {"id", "url", "display", "name", "rd", "description"}
    assert d["vrf"]["name"] == vrf.name and d["vrf"]["rd"] is None
    assert d["vrf"]["url"].endswith(f"/api/ipam/vrfs/{vrf.id}/")
    assert set(d["tenant"]) == {"id", "url", "display", "name", "slug", "description"}
    assert d["tenant"]["slug"] == tenant.slug
    # tags: list of nested tags
    # (nested tags carry display_url and no description, unlike ?brief=1 tags)
    assert d["tags"] == [{
        "id": tag.id, "url": tag.url, "display_url": f"{http.base}/extras/tags/{tag.id}/", "display": tag.name,
        "name": tag.name, "slug": tag.slug, "color": "aa1409",
    }]
    assert d["custom_fields"] == {}
    assert d["description"] == "" and d["comments"] == ""
    assert d["display"] == pfx
    assert d["url"] == f"{http.base}/api/ipam/prefixes/{p.id}/"
    assert d["display_url"] == f"{http.base}/ipam/prefixes/{p.id}/"
    # created / last_updated are ISO 8601 timestamps, created <= last_updated
    c, u = parse_ts(d["created"]), parse_ts(d["last_updated"])
    assert c.tzinfo is not None and c <= u
    # pynetbox exposes the same through attribute access
    assert p.status.value == "active"
    assert p.vrf.name == vrf.name
    assert p.tenant.slug == tenant.slug
    assert p.family.value == 4 and p.family.label == "IPv4"
    assert isinstance(p.vrf, pynetbox.core.response.Record)


def test_ipv6_family(nb, cleanup, vrf):
    p = cleanup.add(nb.ipam.prefixes.create(prefix="2001:db8:abcd::/48", vrf=vrf.id))
    assert dict(p)["family"] == {"value": 6, "label": "IPv6"}
    ip = cleanup.add(nb.ipam.ip_addresses.create(address="2001:db8:abcd::1/64", vrf=vrf.id))
    assert dict(ip)["family"] == {"value": 6, "label": "IPv6"}


def test_prefix_host_bits_and_defaults(nb, http, cleanup, vrf):
    # host bits set -> 400 with a hint
    r = http.post("/api/ipam/prefixes/", json={"prefix": "10.99.1.77/24", "vrf": vrf.id})
    assert r.status_code == 400
    assert r.json() == {"prefix": ["10.99.1.77/24 is not a valid prefix. Did you mean 10.99.1.0/24?"]}
    # no mask -> /32 (IPv4) / /128 (IPv6)
    p = cleanup.add(nb.ipam.prefixes.create(prefix="10.99.1.0", vrf=vrf.id))
    assert p.prefix == "10.99.1.0/32"
    ip = cleanup.add(nb.ipam.ip_addresses.create(address="10.99.1.77", vrf=vrf.id))
    assert ip.address == "10.99.1.77/32"
    # IPv6 is compressed
    p6 = cleanup.add(nb.ipam.prefixes.create(prefix="2001:0db8:0000:0001::/64", vrf=vrf.id))
    assert p6.prefix == "2001:db8:0:1::/64"


def test_fk_written_as_attribute_dict(nb, cleanup, vrf, make_tenant, net4):
    tenant = make_tenant()
    pfx = str(list(net4.subnets(new_prefix=24))[2])
    p = cleanup.add(nb.ipam.prefixes.create(prefix=pfx, vrf={"name": vrf.name}, tenant={"slug": tenant.slug}))
    assert p.vrf.id == vrf.id
    assert p.tenant.id == tenant.id
    # {"id": N} works too
    ip = cleanup.add(nb.ipam.ip_addresses.create(address=f"{net4[5]}/24", vrf={"id": vrf.id},
                                                 tenant={"name": tenant.name}))
    assert ip.vrf.id == vrf.id and ip.tenant.id == tenant.id


def test_fk_attribute_dict_no_match(nb, http, vrf, net4):
    pfx = str(list(net4.subnets(new_prefix=24))[3])
    r = http.post("/api/ipam/prefixes/", json={"prefix": pfx, "vrf": {"name": "no-such-vrf-e2e"}})
    assert r.status_code == 400
    assert r.json() == {"vrf": ["Related object not found using the provided attributes: {'name': 'no-such-vrf-e2e'}"]}
    r = http.post("/api/ipam/prefixes/", json={"prefix": pfx, "vrf": 999999999})
    assert r.status_code == 400
    assert r.json() == {"vrf": ["Related object not found using the provided numeric ID: 999999999"]}


def test_tags_written_by_name_slug_and_id(nb, cleanup, make_tag, make_tenant):
    t1, t2, t3 = make_tag(), make_tag(), make_tag()
    ten = make_tenant(tags=[{"name": t1.name}, {"slug": t2.slug}, t3.id])
    assert sorted(t.id for t in ten.tags) == sorted([t1.id, t2.id, t3.id])
    # replace the tag list via save()
    ten.tags = [t2.id]
    assert ten.save()
    assert [t.slug for t in nb.tenancy.tenants.get(ten.id).tags] == [t2.slug]
    # filters by tag slug; several tag= values are AND'ed
    ten2 = make_tenant(tags=[t2.id, t3.id])
    assert ids(nb.tenancy.tenants.filter(tag=t2.slug)) == sorted([ten.id, ten2.id])
    assert ids(nb.tenancy.tenants.filter(tag=[t2.slug, t3.slug])) == [ten2.id]
    assert ids(nb.tenancy.tenants.filter(tag_id=t3.id)) == [ten2.id]


def test_last_updated_moves_on_save(nb, make_tenant):
    t = make_tenant()
    before = parse_ts(t.last_updated)
    created = t.created
    t.description = "bump"
    assert t.save()
    fresh = nb.tenancy.tenants.get(t.id)
    assert fresh.created == created
    assert parse_ts(fresh.last_updated) >= before


def test_put_full_update(http, make_tenant, uid):
    t = make_tenant()
    r = http.put(f"/api/tenancy/tenants/{t.id}/", json={"name": f"put-{uid}", "slug": f"put-{uid}"})
    assert r.status_code == 200
    d = r.json()
    assert d["name"] == f"put-{uid}" and d["slug"] == f"put-{uid}"
    assert d["id"] == t.id
    # PUT missing a required field -> 400
    r = http.put(f"/api/tenancy/tenants/{t.id}/", json={"name": f"put2-{uid}"})
    assert r.status_code == 400
    assert r.json() == {"slug": ["This field is required."]}


def test_create_201_delete_204_then_404(http, cleanup, uid):
    r = http.post("/api/tenancy/tenants/", json={"name": f"e2e-{uid}", "slug": f"e2e-{uid}"})
    assert r.status_code == 201
    d = cleanup.add(r.json())
    assert d["name"] == f"e2e-{uid}"
    assert r.headers["API-Version"] == "4.7"
    # single-object create sets Location to the new object's API url
    assert r.headers["Location"] == d["url"]
    r = http.delete(d["url"])
    assert r.status_code == 204
    assert r.content == b""
    r = http.get(d["url"])
    assert r.status_code == 404


def test_record_serialize_for_fk(nb, cleanup, vrf, make_tenant, net4):
    """pynetbox sends nested records back as ids when saving a changed FK."""
    t1, t2 = make_tenant(), make_tenant()
    pfx = str(list(net4.subnets(new_prefix=24))[4])
    p = cleanup.add(nb.ipam.prefixes.create(prefix=pfx, vrf=vrf.id, tenant=t1.id))
    p.tenant = t2
    assert p.updates() == {"tenant": t2.id}
    assert p.save()
    assert nb.ipam.prefixes.get(p.id).tenant.id == t2.id


@pytest.mark.parametrize("path", ["ipam/prefixes", "ipam/vrfs", "tenancy/tenants", "ipam/ip-addresses"])
def test_list_envelope(http, path):
    r = http.get(f"/api/{path}/", params={"limit": 1})
    assert r.status_code == 200
    d = r.json()
    assert list(d) == ["count", "next", "previous", "results"]
    assert isinstance(d["count"], int)
    assert d["previous"] is None
