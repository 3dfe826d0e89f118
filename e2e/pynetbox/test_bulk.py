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
    assert "Location" not in r.headers  # only single creates get a Location
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
    tid = t.id
    ep = "/api/tenancy/tenants/"
    cases = [
        ([{"description": "x"}],
         {"detail": "1 of 1 objects failed validation.",
          "errors": [{"index": 0, "errors": {"id": ["This field is required."]}}]}),
        ([{"id": tid, "description": "ok"}, {"id": tid, "slug": "dup"}],
         {"detail": "1 of 2 objects are listed more than once.",
          "errors": [{"id": tid, "errors": {"id": [f"Each object may be specified only once; ID {tid} is listed 2 times"]}}]}),
        ([{"id": 999999999, "description": "ok"}],
         {"detail": "1 of 1 objects could not be found.",
          "errors": [{"id": 999999999, "errors": {"id": ["Object with ID 999999999 does not exist"]}}]}),
        ([{"id": tid, "slug": ""}],
         {"detail": "1 of 1 objects could not be updated.",
          "errors": [{"id": tid, "errors": {"slug": ["This field may not be blank."]}}]}),
    ]
    for body, want in cases:
        r = http.patch(ep, json=body)
        assert r.status_code == 400, body
        assert r.json() == want, body
    # a dict instead of a list
    r = http.patch(ep, json={"id": tid, "description": "x"})
    assert r.status_code == 400
    assert r.json() == {"detail": "Expected a list of objects, but got dict."}
    # bulk PUT validates as a full update (required fields)
    r = http.put(ep, json=[{"id": tid, "name": t.name + "-x"}])
    assert r.status_code == 400
    assert r.json() == {"detail": "1 of 1 objects could not be updated.",
                        "errors": [{"id": tid, "errors": {"slug": ["This field is required."]}}]}
    # nothing changed
    fresh = nb.tenancy.tenants.get(tid)
    assert fresh.description == "" and fresh.name == t.name and fresh.slug == t.slug
    r = http.put(ep, json=[{"id": tid, "name": t.name + "-y", "slug": t.slug + "-y"}])
    assert r.status_code == 200
    assert [(x["id"], x["name"]) for x in r.json()] == [(tid, t.name + "-y")]


def test_bulk_delete_validation(nb, http, make_tenant):
    t = make_tenant()
    ep = "/api/tenancy/tenants/"
    r = http.delete(ep, json=[{"id": t.id}, {"id": 999999999}])
    assert r.status_code == 400
    assert r.json() == {"detail": "1 of 2 objects could not be found.",
                        "errors": [{"id": 999999999, "errors": {"id": ["Object with ID 999999999 does not exist"]}}]}
    assert nb.tenancy.tenants.get(t.id) is not None  # all or nothing
    r = http.delete(ep, json=[t.id])
    assert r.status_code == 400
    assert r.json() == {"detail": "1 of 1 objects failed validation.",
                        "errors": [{"index": 0, "errors": {"__all__": ["Invalid data. Expected a dictionary, but got int."]}}]}
    r = http.delete(ep, json=[{"x": 1}])
    assert r.status_code == 400
    assert r.json() == {"detail": "1 of 1 objects failed validation.",
                        "errors": [{"index": 0, "errors": {"id": ["This field is required."]}}]}


def test_bulk_delete_raw(http, uid):
    body = [{"name": f"e2e-d{i}-{uid}", "slug": f"e2e-d{i}-{uid}"} for i in range(3)]
    created = http.post("/api/tenancy/tenants/", json=body).json()
    r = http.delete("/api/tenancy/tenants/", json=[{"id": x["id"]} for x in created])
    assert r.status_code == 204
    assert r.content == b""
    r = http.get("/api/tenancy/tenants/", params={"id": [x["id"] for x in created]})
    assert r.json()["count"] == 0
