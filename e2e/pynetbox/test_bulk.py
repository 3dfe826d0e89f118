"""Bulk create / update / delete (list bodies on the list endpoint)."""

from helpers import ids


def test_bulk_create_update_delete_prefixes(nb, cleanup, vrf, net4):
    ep = nb.ipam.prefixes
    nets = [str(n) for n in list(net4.subnets(new_prefix=24))[:5]]
    objs = ep.create([{"prefix": n, "vrf": vrf.id, "status": "active"} for n in nets])
    cleanup.add_many(objs)
    assert isinstance(objs, list) and len(objs) == 5
    assert [o.prefix for o in objs] == nets  # same order as sent
    assert all(o.status.value == "active" and o.vrf.id == vrf.id for o in objs)
    assert ep.count(vrf_id=vrf.id) == 5

    # bulk update with Records (pynetbox sends only changed fields + id)
    for o in objs[:3]:
        o.status = "reserved"
        o.description = "bulk"
    updated = ep.update(objs[:3])
    assert len(updated) == 3
    assert sorted(u.id for u in updated) == ids(objs[:3])
    assert all(u.status.value == "reserved" and u.description == "bulk" for u in updated)
    assert ids(ep.filter(vrf_id=vrf.id, status="reserved")) == ids(objs[:3])

    # bulk update with dicts
    updated = ep.update([{"id": objs[3].id, "description": "d3"}, {"id": objs[4].id, "description": "d4"}])
    assert sorted((u.id, u.description) for u in updated) == [(objs[3].id, "d3"), (objs[4].id, "d4")]

    # bulk delete by Records and ids
    assert ep.delete([objs[0], objs[1].id]) is True
    assert ep.count(vrf_id=vrf.id) == 3
    assert ep.delete(list(ep.filter(vrf_id=vrf.id))) is True
    assert ep.count(vrf_id=vrf.id) == 0


def test_bulk_create_raw_response(http, cleanup, uid):
    body = [{"name": f"e2e-b{i}-{uid}", "slug": f"e2e-b{i}-{uid}"} for i in range(3)]
    r = http.post("/api/tenancy/tenants/", json=body)
    assert r.status_code == 201
    d = r.json()
    cleanup.add_many(d)
    assert isinstance(d, list) and [x["name"] for x in d] == [b["name"] for b in body]
    assert all(x["url"].endswith(f"/api/tenancy/tenants/{x['id']}/") for x in d)


def test_bulk_create_one_invalid_nothing_created(nb, http, vrf, net4):
    good = str(list(net4.subnets(new_prefix=24))[0])
    good2 = str(list(net4.subnets(new_prefix=24))[1])
    r = http.post("/api/ipam/prefixes/", json=[
        {"prefix": good, "vrf": vrf.id},
        {"prefix": "not-a-prefix", "vrf": vrf.id},
        {"prefix": good2, "vrf": vrf.id},
    ])
    assert r.status_code == 400
    # only the failing items are listed, with their index
    assert r.json() == {"detail": "1 of 3 objects could not be created.",
                        "errors": [{"index": 1, "errors": {"prefix": ["Invalid IP prefix format: not-a-prefix"]}}]}
    assert nb.ipam.prefixes.count(vrf_id=vrf.id) == 0


def test_bulk_create_duplicate_within_batch_rolls_back(nb, http, vrf, net4):
    p = str(list(net4.subnets(new_prefix=24))[0])
    other = str(list(net4.subnets(new_prefix=24))[1])
    r = http.post("/api/ipam/prefixes/", json=[{"prefix": other, "vrf": vrf.id}, {"prefix": p, "vrf": vrf.id},
                                               {"prefix": p, "vrf": vrf.id}])
    assert r.status_code == 400
    assert nb.ipam.prefixes.count(vrf_id=vrf.id) == 0


def test_bulk_update_validation(nb, http, make_tenant):
    t = make_tenant()
    # missing id
    r = http.patch("/api/tenancy/tenants/", json=[{"description": "x"}])
    assert r.status_code == 400
    assert r.json() == {"non_field_errors": ["Every object in the list must have an 'id'."]} or \
        r.json() == ["Every object in the list must have an 'id'."] or r.status_code == 400
    # invalid value in one item: nothing changes
    r = http.patch("/api/tenancy/tenants/", json=[{"id": t.id, "description": "ok"}, {"id": t.id, "slug": ""}])
    assert r.status_code == 400
    assert nb.tenancy.tenants.get(t.id).description == ""


def test_bulk_delete_raw(http, uid):
    body = [{"name": f"e2e-d{i}-{uid}", "slug": f"e2e-d{i}-{uid}"} for i in range(3)]
    created = http.post("/api/tenancy/tenants/", json=body).json()
    r = http.delete("/api/tenancy/tenants/", json=[{"id": x["id"]} for x in created])
    assert r.status_code == 204
    assert r.content == b""
    r = http.get("/api/tenancy/tenants/", params={"id": [x["id"] for x in created]})
    assert r.json()["count"] == 0
