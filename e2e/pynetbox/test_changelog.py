"""Change logging: /api/core/object-changes/."""


def test_tenant_create_update_delete_logged(nb, http, uid):
    t = nb.tenancy.tenants.create(name=f"e2e-cl-{uid}", slug=f"e2e-cl-{uid}")
    t.description = "changed"
    assert t.save()
    tid = t.id
    assert t.delete()

    params = {"changed_object_type": "tenancy.tenant", "changed_object_id": tid}
    r = http.get("/api/core/object-changes/", params=params)
    assert r.status_code == 200
    res = r.json()["results"]
    assert len(res) == 3
    by_action = {c["action"]["value"]: c for c in res}
    assert set(by_action) == {"create", "update", "delete"}

    c = by_action["create"]
    assert c["action"] == {"value": "create", "label": "Created"}
    assert c["changed_object_type"] == "tenancy.tenant"
    assert c["changed_object_id"] == tid
    assert c["prechange_data"] == {}
    assert c["postchange_data"]["name"] == f"e2e-cl-{uid}"
    assert c["postchange_data"]["slug"] == f"e2e-cl-{uid}"
    assert c["object_repr"] == f"e2e-cl-{uid}"
    assert c["user_name"] == "admin"
    assert c["user"]["username"] == "admin"
    assert c["request_id"]
    assert c["time"]
    assert c["url"].endswith(f"/api/core/object-changes/{c['id']}/")
    assert c["display_url"].endswith(f"/core/changelog/{c['id']}/")
    assert c["display"] == f"Tenancy | tenant e2e-cl-{uid} created by admin"
    assert c["message"] == ""

    u = by_action["update"]
    assert u["action"]["label"] == "Updated"
    assert u["prechange_data"]["description"] == ""
    assert u["postchange_data"]["description"] == "changed"

    d = by_action["delete"]
    assert d["action"]["label"] == "Deleted"
    assert d["prechange_data"]["name"] == f"e2e-cl-{uid}"
    assert d["postchange_data"] == {}
    assert d["changed_object"] is None  # the object is gone

    # pynetbox access to the same endpoint
    got = list(nb.core.object_changes.filter(changed_object_type="tenancy.tenant", changed_object_id=tid,
                                             action="create"))
    assert len(got) == 1 and got[0].postchange_data["name"] == f"e2e-cl-{uid}"
    # newest first
    r = http.get("/api/core/object-changes/", params={**params, "limit": 3})
    assert [x["action"]["value"] for x in r.json()["results"]] == ["delete", "update", "create"]


def test_prefix_create_logged_with_vrf(nb, http, cleanup, vrf, net4):
    p = cleanup.add(nb.ipam.prefixes.create(prefix=str(net4), vrf=vrf.id, status="reserved"))
    r = http.get("/api/core/object-changes/", params={"changed_object_type": "ipam.prefix",
                                                      "changed_object_id": p.id})
    res = r.json()["results"]
    assert len(res) == 1
    post = res[0]["postchange_data"]
    assert post["prefix"] == str(net4)
    assert post["vrf"] == vrf.id
    assert post["status"] == "reserved"
    assert res[0]["changed_object"]["id"] == p.id
