"""/api/status/, API-Version header, API root, authentication errors, OPTIONS / choices()."""

import pynetbox
import pytest
import requests

from helpers import auth_header


def test_status(nb, http):
    st = nb.status()
    assert isinstance(st, dict)
    assert st["netbox-version"]
    assert st["netbox-version"].startswith("4.")
    r = http.get("/api/status/")
    assert r.status_code == 200
    assert r.headers["API-Version"] == "4.7"
    body = r.json()
    assert set(body) == {"django-version", "hostname", "installed_apps", "netbox-version", "netbox-full-version",
                         "plugins", "python-version", "rq-workers-running"}
    assert isinstance(body["installed_apps"], dict)
    assert body["plugins"] == {}
    assert isinstance(body["rq-workers-running"], int)
    assert body["netbox-version"] == st["netbox-version"]


def test_pynetbox_version_property(nb):
    # pynetbox reads the API-Version header of GET /api/
    assert nb.version == "4.7"


def test_api_root(http):
    r = http.get("/api/")
    assert r.status_code == 200
    d = r.json()
    # NetBox 4.7 lists circuits, core, dcim, extras, ipam, plugins, tenancy, users, virtualization, vpn,
    # wireless; only the apps this suite exercises are required here
    for app in ("core", "extras", "ipam", "tenancy", "users"):
        assert d[app] == f"{http.base}/api/{app}/", app
    assert d["ipam"].endswith("/api/ipam/")
    r = http.get("/api/ipam/")
    d = r.json()
    assert d["prefixes"].endswith("/api/ipam/prefixes/")
    assert d["vlan-translation-policies"].endswith("/api/ipam/vlan-translation-policies/")
    r = http.get("/api/tenancy/")
    assert set(r.json()) == {"contact-assignments", "contact-groups", "contact-roles", "contacts", "tenant-groups",
                             "tenants"}


@pytest.mark.parametrize("method,path", [
    ("GET", "/api/status/"), ("GET", "/api/"), ("GET", "/api/ipam/prefixes/?limit=1"),
    ("GET", "/api/tenancy/tenants/999999999/"), ("OPTIONS", "/api/ipam/prefixes/"),
    ("POST", "/api/ipam/prefixes/"),
])
def test_api_version_header_everywhere(http, method, path):
    r = http.request(method, path, json={} if method == "POST" else None)
    assert r.headers.get("API-Version") == "4.7", (method, path, r.status_code)


def test_head_request(http):
    r = http.head("/api/tenancy/tenants/", params={"limit": 1})
    assert r.status_code == 200
    assert r.content == b""
    assert r.headers["API-Version"] == "4.7"
    assert r.headers["Content-Type"] == "application/json"


def test_api_version_header_on_errors(anon):
    r = anon.get("/api/ipam/prefixes/")
    assert r.status_code == 403
    assert r.headers.get("API-Version") == "4.7"


def test_no_credentials(anon):
    r = anon.get("/api/ipam/prefixes/")
    assert r.status_code == 403
    assert r.json() == {"detail": "Authentication credentials were not provided."}
    r = anon.post("/api/tenancy/tenants/", json={"name": "x", "slug": "x"})
    assert r.status_code == 403
    assert r.json() == {"detail": "Authentication credentials were not provided."}
    # unknown auth scheme is ignored -> same as no credentials
    r = anon.get("/api/ipam/prefixes/", headers={"Authorization": "Basic YWRtaW46YWRtaW4="})
    assert r.status_code == 403
    assert r.json() == {"detail": "Authentication credentials were not provided."}


def test_no_credentials_pynetbox(base_url):
    api = pynetbox.api(base_url)
    with pytest.raises(pynetbox.RequestError) as ei:
        list(api.ipam.prefixes.all())
    assert ei.value.req.status_code == 403


def test_bad_v2_token(anon):
    r = anon.get("/api/ipam/prefixes/", headers={"Authorization": "Bearer nbt_abcdefghijkl.notthesecret00000000"})
    assert r.status_code == 403
    assert r.json() == {"detail": "Invalid v2 token"}


def test_bad_v2_token_right_key_wrong_secret(anon, token):
    if not token.startswith("nbt_"):
        pytest.skip("needs a v2 token")
    key = token.split(".", 1)[0]
    r = anon.get("/api/ipam/prefixes/", headers={"Authorization": f"Bearer {key}.wrongsecret"})
    assert r.status_code == 403
    assert r.json() == {"detail": "Invalid v2 token"}


def test_bad_v1_token(anon):
    r = anon.get("/api/ipam/prefixes/", headers={"Authorization": "Token " + "0" * 40})
    assert r.status_code == 403
    assert r.json() == {"detail": "Invalid v1 token"}


def test_malformed_authorization_headers(anon):
    r = anon.get("/api/ipam/prefixes/", headers={"Authorization": "Bearer nbt_nodot"})
    assert r.status_code == 403
    assert r.json() == {"detail": "Invalid authorization header: Could not parse key from v2 token. Did you mean "
                                  "to use 'Token' instead of 'Bearer'?"}
    r = anon.get("/api/ipam/prefixes/", headers={"Authorization": "Bearer a b"})
    assert r.status_code == 403
    assert r.json() == {"detail": 'Invalid authorization header: Must be in the form "Bearer <key>.<token>" or '
                                  '"Token <token>"'}
    r = anon.get("/api/ipam/prefixes/", headers={"Authorization": "Bearer"})
    assert r.status_code == 403
    assert r.json() == {"detail": 'Invalid authorization header: Must be in the form "Bearer <key>.<token>" or '
                                  '"Token <token>"'}


def test_token_version_follows_prefix_not_keyword(anon, token):
    """NetBox infers v1/v2 from the nbt_ prefix; the keyword (Token/Bearer, any case) is interchangeable."""
    other = ("Token " if token.startswith("nbt_") else "Bearer ") + token
    r = anon.get("/api/status/", headers={"Authorization": other})
    assert r.status_code == 200
    r = anon.get("/api/status/", headers={"Authorization": "bearer " + token})
    assert r.status_code == 200


def test_pynetbox_sends_right_header(nb, token):
    """pynetbox 7.9 sends `Bearer nbt_...` for v2 tokens and `Token ...` for v1 tokens."""
    seen = {}

    def hook(r, *a, **kw):
        seen["auth"] = r.request.headers.get("authorization")

    s = requests.Session()
    s.hooks["response"].append(hook)
    api = pynetbox.api(nb.base_url.removesuffix("/api"), token=token)
    api.http_session = s
    list(api.tenancy.tenants.filter(limit=1, offset=0))
    assert seen["auth"] == auth_header(token)


def test_options_prefixes(http):
    r = http.options("/api/ipam/prefixes/")
    assert r.status_code == 200
    d = r.json()
    assert d["name"] == "Prefix List"
    assert d["renders"] == ["application/json", "text/html"]
    assert d["parses"] == ["application/json", "multipart/form-data"]
    assert d["description"] == ""
    assert list(d["actions"]) == ["POST", "PUT"]
    post = d["actions"]["POST"]
    assert post["status"] == {
        "type": "field", "required": False, "read_only": False, "label": "Status",
        "choices": [{"value": "container", "display_name": "Container"},
                    {"value": "active", "display_name": "Active"},
                    {"value": "reserved", "display_name": "Reserved"},
                    {"value": "deprecated", "display_name": "Deprecated"}],
    }
    assert post["prefix"] == {"type": "string", "required": True, "read_only": False, "label": "Prefix"}
    assert post["family"] == {"type": "field", "required": False, "read_only": True, "label": "Family"}
    assert post["vrf"]["type"] == "nested object"
    assert set(post["vrf"]["children"]) == {"id", "url", "display", "name", "rd", "description"}
    assert r.headers["Allow"] == "GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"


def test_choices_via_pynetbox(nb):
    # pynetbox keeps only the fields with "choices" from OPTIONS actions.POST
    ch = nb.ipam.prefixes.choices()
    assert set(ch) == {"status"}
    assert ch["status"] == [
        {"value": "container", "display_name": "Container"},
        {"value": "active", "display_name": "Active"},
        {"value": "reserved", "display_name": "Reserved"},
        {"value": "deprecated", "display_name": "Deprecated"},
    ]
    ipch = nb.ipam.ip_addresses.choices()
    assert {"value": "dhcp", "display_name": "DHCP"} in ipch["status"]
    assert {"value": "slaac", "display_name": "SLAAC"} in ipch["status"]
    assert {"value": "vip", "display_name": "VIP"} in ipch["role"]
    assert {"value": "anycast", "display_name": "Anycast"} in ipch["role"]
    vch = nb.ipam.vlans.choices()
    assert [c["value"] for c in vch["status"]] == ["active", "reserved", "deprecated"]
    assert vch["qinq_role"] == [{"value": "svlan", "display_name": "Service"},
                                {"value": "cvlan", "display_name": "Customer"}]
    assert set(vch) == {"status", "qinq_role"}
    assert set(ipch) == {"status", "role"}
    assert [c["value"] for c in ipch["role"]] == ["loopback", "secondary", "anycast", "vip", "vrrp", "hsrp", "glbp",
                                                  "carp"]
    assert [c["value"] for c in ipch["status"]] == ["active", "reserved", "deprecated", "dhcp", "slaac"]
    assert [c["value"] for c in nb.ipam.ip_ranges.choices()["status"]] == ["active", "reserved", "deprecated"]
    # endpoints without choice fields give an empty dict
    assert nb.tenancy.tenants.choices() == {}
    assert nb.ipam.vlan_groups.choices() == {}
    cach = nb.tenancy.contact_assignments.choices()
    assert [c["value"] for c in cach["priority"]] == ["primary", "secondary", "tertiary", "inactive"]
    fch = nb.ipam.fhrp_groups.choices()
    assert fch["protocol"] == [
        {"value": "vrrp2", "display_name": "VRRPv2"}, {"value": "vrrp3", "display_name": "VRRPv3"},
        {"value": "carp", "display_name": "CARP"}, {"value": "clusterxl", "display_name": "ClusterXL"},
        {"value": "hsrp", "display_name": "HSRP"}, {"value": "glbp", "display_name": "GLBP"},
        {"value": "other", "display_name": "Other"},
    ]
    assert [c["value"] for c in fch["auth_type"]] == ["plaintext", "md5"]
    stch = nb.ipam.service_templates.choices()
    assert [c["value"] for c in stch["protocol"]] == ["tcp", "udp", "sctp"]


def test_options_detail(http, make_tenant):
    t = make_tenant()
    r = http.options(f"/api/tenancy/tenants/{t.id}/")
    assert r.status_code == 200
    d = r.json()
    assert d["name"] == "Tenant Instance"
    assert list(d["actions"]) == ["PUT"]
    assert r.headers["Allow"] == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
