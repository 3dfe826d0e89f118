"""/api/users/tokens/ and /api/users/tokens/provision/."""

import os

import pynetbox
import pytest

from helpers import Http, auth_header

NB_PASSWORD = os.environ.get("NB_PASSWORD")


@pytest.fixture
def me(http):
    """The admin user (the suite's token belongs to it)."""
    r = http.get("/api/users/users/", params={"username": "admin"})
    assert r.status_code == 200
    res = r.json()["results"]
    assert res, "admin user not found"
    return res[0]


@pytest.fixture
def token_cleanup(http):
    urls = []
    yield urls
    for u in urls:
        http.delete(u)


def test_token_list_contains_own_token(http, token):
    r = http.get("/api/users/tokens/")
    assert r.status_code == 200
    d = r.json()
    assert d["count"] >= 1
    t = d["results"][0]
    assert {"id", "url", "display_url", "display", "version", "key", "user", "description", "created", "expires",
            "last_used", "enabled", "write_enabled", "pepper_id", "token"} <= set(t)
    # plaintext is never shown when listing
    assert all(x["token"] is None for x in d["results"])
    if token.startswith("nbt_"):
        key = token[4:].split(".", 1)[0]
        mine = [x for x in d["results"] if x["key"] == key]
        if not mine and d["next"]:
            r = http.get("/api/users/tokens/", params={"key": key})
            mine = r.json()["results"]
        assert len(mine) == 1
        assert mine[0]["version"] == 2
        assert mine[0]["display"] == key
        assert mine[0]["user"]["username"] == "admin"
        assert mine[0]["last_used"] is not None


def test_create_token_and_use_it(http, me, uid, token_cleanup, base_url):
    r = http.post("/api/users/tokens/", json={"user": me["id"], "description": f"e2e-{uid}",
                                              "write_enabled": True})
    assert r.status_code == 201
    t = r.json()
    token_cleanup.append(t["url"])
    assert r.headers["Location"] == t["url"]
    assert list(t) == ["id", "url", "display_url", "display", "version", "key", "user", "description", "created",
                       "expires", "last_used", "enabled", "write_enabled", "pepper_id", "allowed_ips", "token"]
    assert t["version"] == 2
    assert t["allowed_ips"] == []
    assert isinstance(t["pepper_id"], int)
    assert t["display_url"].endswith(f"/users/tokens/{t['id']}/")
    assert t["user"] == {"id": me["id"], "url": me["url"], "display": "admin", "username": "admin"}
    assert t["description"] == f"e2e-{uid}"
    assert t["enabled"] is True and t["write_enabled"] is True
    assert t["expires"] is None and t["last_used"] is None
    assert isinstance(t["key"], str) and len(t["key"]) == 12
    assert isinstance(t["token"], str) and len(t["token"]) == 40
    assert t["display"] == t["key"]
    assert t["url"].endswith(f"/api/users/tokens/{t['id']}/")
    full = f"nbt_{t['key']}.{t['token']}"

    # the plaintext is not retrievable afterwards
    r = http.get(t["url"])
    assert r.status_code == 200
    assert r.json()["token"] is None
    assert r.json()["key"] == t["key"]

    # the new token works, through requests and pynetbox
    s = Http(base_url, full)
    r = s.get("/api/status/")
    assert r.status_code == 200
    api = pynetbox.api(base_url, token=full)
    assert api.status()["netbox-version"]
    r = s.get("/api/users/tokens/", params={"id": t["id"]})
    assert r.json()["results"][0]["last_used"] is not None

    # filters
    r = http.get("/api/users/tokens/", params={"description": f"e2e-{uid}"})
    assert [x["id"] for x in r.json()["results"]] == [t["id"]]
    r = http.get("/api/users/tokens/", params={"brief": 1, "id": t["id"]})
    assert r.json()["results"] == [{"id": t["id"], "url": t["url"], "display": t["key"], "version": 2,
                                    "key": t["key"], "description": f"e2e-{uid}", "enabled": True,
                                    "write_enabled": True}]

    # delete -> token stops working
    r = http.delete(t["url"])
    assert r.status_code == 204
    r = s.get("/api/status/")
    assert r.status_code == 403
    assert r.json() == {"detail": "Invalid v2 token"}


def test_create_token_requires_user(http):
    r = http.post("/api/users/tokens/", json={"description": "no user"})
    assert r.status_code == 400
    assert r.json() == {"user": ["This field is required."]}


def test_read_only_token(http, me, uid, token_cleanup, base_url, cleanup):
    r = http.post("/api/users/tokens/", json={"user": me["id"], "description": f"ro-{uid}",
                                              "write_enabled": False})
    assert r.status_code == 201
    t = r.json()
    token_cleanup.append(t["url"])
    assert t["write_enabled"] is False
    ro = Http(base_url, f"nbt_{t['key']}.{t['token']}")
    cleanup.watch(ro)  # should a write wrongly succeed, clean up after it
    # reads work
    r = ro.get("/api/tenancy/tenants/", params={"limit": 1})
    assert r.status_code == 200
    # writes are refused
    r = ro.post("/api/tenancy/tenants/", json={"name": f"ro-{uid}", "slug": f"ro-{uid}"})
    assert r.status_code == 403
    assert r.json() == {"detail": "You do not have permission to perform this action."}
    # through pynetbox too
    api = pynetbox.api(base_url, token=f"nbt_{t['key']}.{t['token']}")
    cleanup.watch(api.http_session)
    with pytest.raises(pynetbox.RequestError) as ei:
        api.tenancy.tenants.create(name=f"ro-{uid}", slug=f"ro-{uid}")
    assert ei.value.req.status_code == 403
    # PATCH / DELETE refused as well
    ten = cleanup.add(http.post("/api/tenancy/tenants/", json={"name": f"rw-{uid}", "slug": f"rw-{uid}"}).json())
    assert ro.patch(ten["url"], json={"description": "x"}).status_code == 403
    assert ro.delete(ten["url"]).status_code == 403
    assert http.get(ten["url"]).json()["description"] == ""


def test_disabled_and_expired_tokens(http, me, uid, token_cleanup, base_url):
    r = http.post("/api/users/tokens/", json={"user": me["id"], "description": f"dis-{uid}", "enabled": False})
    t = r.json()
    token_cleanup.append(t["url"])
    r = Http(base_url, f"nbt_{t['key']}.{t['token']}").get("/api/status/")
    assert r.status_code == 403
    assert r.json() == {"detail": "Token disabled"}
    # an expiry in the past is refused at creation
    r = http.post("/api/users/tokens/", json={"user": me["id"], "description": f"exp-{uid}",
                                              "expires": "2020-01-01T00:00:00Z"})
    assert r.status_code == 400
    msg = r.json()["expires"]
    assert len(msg) == 1
    assert msg[0].startswith("Expiration time must be in the future. Current server time is ")
    assert msg[0].endswith(" (UTC).")


def test_update_token(http, me, uid, token_cleanup):
    t = http.post("/api/users/tokens/", json={"user": me["id"], "description": f"upd-{uid}"}).json()
    token_cleanup.append(t["url"])
    r = http.patch(t["url"], json={"description": f"upd2-{uid}", "write_enabled": False})
    assert r.status_code == 200
    d = r.json()
    assert d["description"] == f"upd2-{uid}" and d["write_enabled"] is False
    assert d["token"] is None
    assert d["key"] == t["key"]


@pytest.mark.skipif(not NB_PASSWORD, reason="NB_PASSWORD not set")
def test_provision_token(anon, http, base_url, token_cleanup):
    r = anon.post("/api/users/tokens/provision/", json={"username": "admin", "password": NB_PASSWORD,
                                                        "description": "provisioned by e2e"})
    assert r.status_code == 201
    t = r.json()
    token_cleanup.append(t["url"])
    assert "Location" not in r.headers
    assert list(t) == ["id", "url", "display_url", "display", "version", "user", "key", "created", "expires",
                       "last_used", "enabled", "write_enabled", "description", "allowed_ips", "token"]
    assert t["version"] == 2
    assert t["user"]["username"] == "admin"
    assert t["description"] == "provisioned by e2e"
    assert len(t["key"]) == 12 and len(t["token"]) == 40
    assert "password" not in t and "username" not in t
    r = Http(base_url, f"nbt_{t['key']}.{t['token']}").get("/api/status/")
    assert r.status_code == 200


@pytest.mark.skipif(not NB_PASSWORD, reason="NB_PASSWORD not set")
def test_provision_v1_token(anon, token_cleanup):
    r = anon.post("/api/users/tokens/provision/", json={"username": "admin", "password": NB_PASSWORD,
                                                        "version": 1})
    assert r.status_code == 201
    t = r.json()
    token_cleanup.append(t["url"])
    assert t["version"] == 1 and t["key"] is None and len(t["token"]) == 40
    r = anon.get("/api/status/", headers={"Authorization": "Token " + t["token"]})
    assert r.status_code == 200


@pytest.mark.skipif(not NB_PASSWORD, reason="NB_PASSWORD not set")
def test_provision_token_pynetbox(base_url, http, token_cleanup):
    api = pynetbox.api(base_url)
    rec = api.create_token("admin", NB_PASSWORD)
    token_cleanup.append(rec.url)
    assert api.token == f"nbt_{rec.key}.{rec.token}"
    assert rec.version == 2
    assert isinstance(api.tenancy.tenants.count(), int)
    assert api.status()["netbox-version"]


def test_provision_bad_password(anon):
    r = anon.post("/api/users/tokens/provision/", json={"username": "admin", "password": "definitely-wrong-pw"})
    assert r.status_code == 403
    assert r.json() == {"detail": "Invalid username/password"}
    r = anon.post("/api/users/tokens/provision/", json={"username": "admin"})
    assert r.status_code == 400
    assert r.json() == {"password": ["This field is required."]}


def test_auth_header_helper():
    assert auth_header("nbt_abc.def") == "Bearer nbt_abc.def"
    assert auth_header("a" * 40) == "Token " + "a" * 40
