"""Object permissions through pynetbox: a constrained user's token sees and changes exactly its slice.

The admin (the suite's token) creates two tenants with prefixes and addresses, a user, and one
object permission on prefixes and IP addresses constrained to the first tenant. Everything after
that runs through pynetbox with the constrained user's own token.
"""

import pynetbox
import pytest

from helpers import NB_URL, Http, ids, rand_suffix, retrying


@pytest.fixture
def slice_world(nb):
    sfx = rand_suffix()
    made = []  # (record) deleted in reverse order

    def keep(r):
        made.append(r)
        return r

    mine = keep(nb.tenancy.tenants.create(name=f"perm-mine-{sfx}", slug=f"perm-mine-{sfx}"))
    other = keep(nb.tenancy.tenants.create(name=f"perm-other-{sfx}", slug=f"perm-other-{sfx}"))
    a, b = 10 + (hash(sfx) % 200), (hash(sfx[::-1]) % 250)
    p_mine = keep(nb.ipam.prefixes.create(prefix=f"10.{a}.{b}.0/24", tenant=mine.id, status="active"))
    p_other = keep(nb.ipam.prefixes.create(prefix=f"10.{a}.{(b + 1) % 256}.0/24", tenant=other.id))
    ip_mine = keep(nb.ipam.ip_addresses.create(address=f"10.{a}.{b}.10/24", tenant=mine.id))
    ip_other = keep(nb.ipam.ip_addresses.create(address=f"10.{a}.{(b + 1) % 256}.10/24", tenant=other.id))
    user = keep(nb.users.users.create(username=f"perm-user-{sfx}", password=f"Pw-{sfx}-x1!"))
    perm = keep(nb.users.permissions.create(
        name=f"perm-{sfx}",
        object_types=["ipam.prefix", "ipam.ipaddress"],
        actions=["view", "add", "change", "delete"],
        constraints={"tenant__slug": mine.slug},
        users=[user.id],
    ))
    keep(nb.users.permissions.create(
        name=f"perm-tenants-{sfx}",
        object_types=["tenancy.tenant"],
        actions=["view"],
        users=[user.id],
    ))
    tok = keep(nb.users.tokens.create(user=user.id))
    value = tok.token if tok.key is None else f"nbt_{tok.key}.{tok.token}"
    api = pynetbox.api(nb.base_url.rsplit("/api", 1)[0], token=value)
    retrying(api.http_session)
    world = dict(api=api, token=value, mine=mine, other=other, p_mine=p_mine, p_other=p_other,
                 ip_mine=ip_mine, ip_other=ip_other, perm=perm, prefix_base=(a, b))
    yield world
    # Objects the constrained user created under the slice are removed by the admin too.
    for r in nb.ipam.ip_addresses.filter(tenant_id=mine.id):
        if r.id != ip_mine.id:
            r.delete()
    for r in nb.ipam.prefixes.filter(tenant_id=mine.id):
        if r.id != p_mine.id:
            r.delete()
    for r in reversed(made):
        try:
            r.delete()
        except pynetbox.RequestError:
            pass


def test_constrained_user_sees_exactly_its_slice(slice_world):
    w = slice_world
    api = w["api"]
    a, b = w["prefix_base"]
    seen = ids(api.ipam.prefixes.filter(q=f"10.{a}."))
    assert w["p_mine"].id in seen and w["p_other"].id not in seen
    assert all(p.tenant.id == w["mine"].id for p in api.ipam.prefixes.all())
    assert api.ipam.prefixes.count(tenant_id=w["other"].id) == 0
    assert api.ipam.prefixes.get(w["p_mine"].id).prefix == w["p_mine"].prefix
    assert api.ipam.prefixes.get(w["p_other"].id) is None
    assert api.ipam.ip_addresses.get(w["ip_other"].id) is None
    assert ids(api.ipam.ip_addresses.filter(tenant_id=w["mine"].id)) == [w["ip_mine"].id]
    # Models without a permission are refused outright.
    with pytest.raises(pynetbox.RequestError) as e:
        list(api.dcim.sites.all())
    assert e.value.req.status_code == 403


def test_constrained_user_changes_only_its_slice(slice_world, nb):
    w = slice_world
    api = w["api"]
    a, b = w["prefix_base"]
    # Update inside the slice.
    p = api.ipam.prefixes.get(w["p_mine"].id)
    p.description = "edited by the team"
    assert p.save() is True
    assert nb.ipam.prefixes.get(p.id).description == "edited by the team"
    # Moving it to the other tenant is refused and changes nothing.
    p = api.ipam.prefixes.get(w["p_mine"].id)
    p.tenant = w["other"].id
    with pytest.raises(pynetbox.RequestError) as e:
        p.save()
    assert e.value.req.status_code == 403
    assert nb.ipam.prefixes.get(p.id).tenant.id == w["mine"].id
    # Creating inside and outside the slice.
    new = api.ipam.prefixes.create(prefix=f"10.{a}.{(b + 2) % 256}.0/24", tenant=w["mine"].id)
    assert new.tenant.id == w["mine"].id
    with pytest.raises(pynetbox.RequestError) as e:
        api.ipam.prefixes.create(prefix=f"10.{a}.{(b + 3) % 256}.0/24", tenant=w["other"].id)
    assert e.value.req.status_code == 403
    assert nb.ipam.prefixes.count(prefix=f"10.{a}.{(b + 3) % 256}.0/24") == 0
    # A bulk create with one object outside the slice creates nothing.
    with pytest.raises(pynetbox.RequestError) as e:
        api.ipam.prefixes.create([
            {"prefix": f"10.{a}.{(b + 4) % 256}.0/24", "tenant": w["mine"].id},
            {"prefix": f"10.{a}.{(b + 5) % 256}.0/24", "tenant": w["other"].id},
        ])
    assert e.value.req.status_code == 403
    assert nb.ipam.prefixes.count(prefix=f"10.{a}.{(b + 4) % 256}.0/24") == 0
    # Allocation from a visible prefix, into the slice.
    allocated = api.ipam.prefixes.get(w["p_mine"].id).available_ips.create({"tenant": w["mine"].id})
    assert allocated.tenant.id == w["mine"].id
    # Deleting: the other tenant's objects are not found.
    assert api.ipam.prefixes.get(new.id).delete() is True
    h = Http(NB_URL, w["token"])
    try:
        assert h.delete(f"/api/ipam/prefixes/{w['p_other'].id}/").status_code == 404
        assert h.delete(f"/api/ipam/ip-addresses/{w['ip_other'].id}/").status_code == 404
    finally:
        h.close()
    assert nb.ipam.prefixes.get(w["p_other"].id) is not None
    assert nb.ipam.ip_addresses.get(w["ip_other"].id) is not None
